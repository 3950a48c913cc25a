/* Word lists of the extractor in one hashed table, so each token is looked up once (in
 * ct_tokenize) instead of compared against every list by every rule. */
#include "extract/lexicon.h"

#include <stdint.h>
#include <string.h>

static const char *const title_words[] = {
	"President", "Vice", "Prime", "Minister", "Secretary", "Senator", "Sen.", "Rep.",
	"Representative", "Gov.", "Governor", "Mayor", "Adm.", "Admiral", "Gen.", "General",
	"Col.", "Colonel", "Lt.", "Lieutenant", "Capt.", "Captain", "Cmdr.", "Commander", "Maj.",
	"Major", "Sgt.", "Sergeant", "Dr.", "Prof.", "Professor", "Mr.", "Mrs.", "Ms.", "Chief",
	"Director", "Commissioner", "Chancellor", "King", "Queen", "Prince", "Princess", "Judge",
	"Justice", "Ambassador", "Spokesperson", "Spokesman", "Spokeswoman", "Chairman",
	"Chairwoman", "Chair", "Chairperson", "CEO", "Executive", "Deputy", "Speaker", "Inspector",
	"Superintendent", "Councillor", "Councilor", "Councilman",
	"Councilwoman", "Alderman", "Alderwoman", "Pope", "Bishop", "Rev.", "Sheikh", "Emir",
	"Sultan", "Premier", "Chief-of-Staff", "Attorney", "Envoy", "Officer", "Head", "Leader",
	"Engineer", "Supt.", "Insp.", "Brig.", "Hon.", "Pres.", "Assistant", "Undersecretary",
	"Marshal", "Sheriff", "Det.", "Detective", "Constable", "Const.", "Cpl.", "Corporal", "Trooper",
	"Treasurer", "Auditor", "Comptroller", "Controller", "Clerk", "Registrar", "Ombudsman", "Coroner",
	"Magistrate", "Warden", "Cllr.", "Cllr",
	/* British style, no full stop */
	"Dr", "Prof", "Mr", "Mrs", "Ms", "Sgt", "Insp", "Supt", "Det",   /* (not "Gen Z", "Hun Sen") */
	"Foreign", "Defence", "Defense", "Interior", "Finance", "Health", "Harbour", "Harbor",
	NULL};

static const char *const title_modifiers[] = {
	"Vice", "Prime", "Deputy", "Chief", "Foreign", "Defence", "Defense", "Interior", "Finance",
	"Health", "Harbour", "Harbor", "Assistant", "Executive", "Attorney", NULL};

static const char *const org_words[] = {
	"Agency", "Ministry", "Department", "Council", "Office", "Service", "Services", "Authority",
	"Commission", "Committee", "Union", "Party", "Bank", "Company", "Corp.", "Corporation",
	"Inc.", "Ltd", "Ltd.", "Group", "University", "Institute", "Association", "Federation",
	"Court", "Parliament", "Senate", "Congress", "Army", "Navy", "Police", "Administration",
	"Government", "Board", "Fund", "Organisation", "Organization", "Forces", "Force", "Guard",
	"Coalition", "Alliance", "Assembly", "Cabinet", "Foundation", "Society", "Network",
	"Herald", "Times", "Post", "News", "Daily", "Press", "Agency", "Bureau", "Centre", "Center",
	"Hospital", "School", "Club", "Consortium", "Authority", "Trust", "Mission", "Secretariat",
	"Brigade", "Battalion", "Command", "Corps", "Directorate", "Inspectorate", "Chamber", "Academy", "College",
	"League", "Project", "Initiative", "Campaign", NULL};

static const char *const place_words[] = {
	"Street", "Road", "Avenue", "River", "Bay", "Island", "Islands", "City", "County",
	"Province", "State", "Region", "District", "Valley", "Harbour", "Harbor", "Port", "Sea",
	"Ocean", "Lake", "Mountains", "Strait", "Square", "Bridge", "Estuary", "Coast", "Gulf",
	"Peninsula", "Airport", NULL};

static const char *const countries[] = {
	"Afghanistan", "Albania", "Algeria", "Angola", "Argentina", "Armenia", "Australia",
	"Austria", "Azerbaijan", "Bahrain", "Bangladesh", "Belarus", "Belgium", "Bolivia",
	"Bosnia", "Brazil", "Bulgaria", "Cambodia", "Cameroon", "Canada", "Chad", "Chile", "China",
	"Colombia", "Congo", "Croatia", "Cuba", "Cyprus", "Czechia", "Denmark", "Ecuador", "Egypt",
	"Eritrea", "Estonia", "Ethiopia", "Finland", "France", "Gaza", "Georgia", "Germany",
	"Ghana", "Greece", "Guatemala", "Haiti", "Honduras", "Hungary", "Iceland", "India",
	"Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Japan", "Jordan", "Kazakhstan",
	"Kenya", "Kosovo", "Kuwait", "Latvia", "Lebanon", "Libya", "Lithuania", "Luxembourg",
	"Malaysia", "Mali", "Malta", "Mexico", "Moldova", "Mongolia", "Morocco", "Mozambique",
	"Myanmar", "Namibia", "Nepal", "Netherlands", "Nicaragua", "Niger", "Nigeria", "Norway",
	"Oman", "Pakistan", "Palestine", "Panama", "Paraguay", "Peru", "Philippines", "Poland",
	"Portugal", "Qatar", "Romania", "Russia", "Rwanda", "Senegal", "Serbia", "Singapore",
	"Slovakia", "Slovenia", "Somalia", "Spain", "Sudan", "Sweden", "Switzerland", "Syria",
	"Taiwan", "Tanzania", "Thailand", "Tunisia", "Turkey", "Türkiye", "Uganda", "Ukraine",
	"Uruguay", "Uzbekistan", "Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe", "Britain",
	"England", "Scotland", "Wales", "America", "Europe", "Africa", "Asia", "U.S.", "U.K.",
	"US", "UK", "Washington", "London", "Paris", "Berlin", "Moscow", "Beijing", "Tokyo",
	"Cairo", "Ankara", "Tehran", "Jerusalem", "Brussels", "Geneva", NULL};

static const char *const not_names[] = {
	"The", "A", "An", "In", "On", "At", "By", "For", "But", "And", "Or", "If", "As", "It",
	"He", "She", "They", "We", "I", "You", "This", "That", "These", "Those", "There", "Their",
	"His", "Her", "Its", "Our", "My", "Your", "When", "While", "After", "Before", "Since",
	"Until", "During", "With", "Without", "From", "To", "Of", "About", "Over", "Under", "No",
	"Not", "Some", "Many", "Most", "More", "All", "Each", "Every", "Both", "One", "Two",
	"Three", "Officials", "Residents", "According", "However", "Meanwhile", "Also", "Still",
	"Yet", "So", "Then", "Now", "Here", "What", "Who", "Why", "How", "Where", "Which", "Earlier",
	"Later", "Last", "Next", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December", "Jan.", "Feb.", "Mar.",
	"Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.", "Asked", "Despite", "Although",
	"Because", "Under", "Among", "Once", "Such", "Several", "Nearly", "Almost", "About",
	"Around", "Only", "Just", "Even", "Instead", "Although", "Though", "Rather",
	/* prepositions that open a sentence */
	"Against", "Between", "Beyond", "Within", "Toward", "Towards", "Across", "Along", "Behind", "Below",
	"Above", "Through", "Throughout", "Unlike", "Like", "Except", "Via", "Per", NULL};

static const char *const joiners[] = { "of", "the", "for", "de", "del", "da", "van", "von", "al", "bin", "and", NULL};

static const char *const say_verbs[] = {
	"said", "says", "told", "added", "argued", "warned", "stated", "wrote", "insisted",
	"announced", "noted", "explained", "declared", "claimed", "asserted", "stressed",
	"confirmed", "acknowledged", "admitted", "replied", "responded", "tweeted", "posted",
	/* the present of news and translations ("affirms in a communiqué"), "writing that" */
	"affirms", "affirmed", "declares", "adds", "warns", "explains", "insists", "writes", "writing",
	/* translations: "Nordbank informed that", "as the bank informed in its statement", "„...“,
	 * criticises senator Oriel Banforth" */
	"informed", "informs", "criticises", "criticizes", "complains",
	/* a denial is someone's word too ("Lindqvist denied that ..."), and a promise */
	"denied", "denies", "promised", "promises", "pledged", "pledges", "vowed", "vows",
	/* conceding, describing, defending, rejecting or disputing an account (quotes.c:
	 * other_sense_says) */
	"conceded", "concedes", "described", "describes", "rejected", "rejects", "disputed", "disputes",
	"defended", "defends",
	/* the plural's present ("Critics say the plan ...", "would say only that"; quotes.c:
	 * other_sense_says) */
	"say", NULL};

static const char *const pronouns[] = { "he", "she", "they", "it", "we", "i", NULL};

static const char *const future[] = { "will", "would", "plans", "expects", "expected", "aims",
					      "intends", "forecast", "forecasts", "predicted", "predicts", "might",
					      "likely", "won't", "shall", NULL};

static const char *const opinion[] = { "should", "must", "ought", "believe", "believes", "think",
					       "thinks", "shameful", "disgrace", "unacceptable", "failure", "need",
					       "needs", "deserve", "deserves", NULL};

static const char *const cause[] = { "because", "caused", "causes", "due", "led", "result",
					     "blamed", "responsible", NULL};

static const char *const rule[] = { "law", "illegal", "banned", "bans", "requires", "required", "require",
					    "regulation", "regulations", "legal", "unlawful", "rules", "barred",
					    "prohibited", "forbidden", "mandatory", NULL};

static const char *const numwords[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
	"hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "trillion",
	"trillions", "dozen", "dozens", "percent", "half", "quarter", "quarters", "first", "second",
	"third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
	"twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
	"nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
	"eightieth", "ninetieth", "hundredth", "thousandth", "millionth", "billionth", "thirds",
	"fifths", "tenths", NULL
};

/* Words without which a sentence with no figure has no date (gates the date recogniser). */
static const char *const datewords[] = {
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.",
	"sept.", "oct.", "nov.", "dec.", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "yesterday", "today", "tonight", "tomorrow", "week", "weekend", "weeks",
	"month", "months", "year", "years", "decade", "quarter", "century", "ago", "noon", "midnight",
	"midday", "night", "morning", "afternoon", "evening", "midmorning", "midafternoon",
	"mid-morning", "mid-afternoon", "mid-evening", "monday's", "tuesday's", "wednesday's",
	"thursday's", "friday's", "saturday's", "sunday's",   /* "Monday's incident" */
	"year's", "month's", "week's",   /* "next year's budget" */
	"spring", "summer", "autumn", "winter", NULL   /* "this summer", "next winter" */
};

/* Words a number expression can start with (numbers.c: match_number): the first words of the
 * approximations, "between", "no", "us" (US$), and the number words parse_words starts with. */
static const char *const numstart[] = {
	"just", "more", "less", "fewer", "at", "up", "an", "as", "close", "nearly", "almost", "about",
	"around", "roughly", "some", "approximately", "circa", "within", "over", "under", "between", "no", "us", "a",
	"until",
	"half", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
	"nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
	"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
	"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
	"eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth",
	"seventieth", "eightieth", "ninetieth", "hundredth", "thousandth", "millionth", "billionth", NULL
};

/* Words that end the search for a unit noun (numbers.c: unit_word_ok): function words, then the
 * number words and scales. */
static const char *const numstop[] = {
	"the", "a", "an", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by",
	"with", "from", "into", "onto", "over", "under", "than", "as", "that", "which", "who",
	"whom", "whose", "what", "were", "was", "is", "are", "be", "been", "being", "had", "has",
	"have", "will", "would", "could", "should", "may", "might", "must", "can", "did", "do",
	"does", "said", "says", "say", "ago", "earlier", "later", "last", "next", "this", "these",
	"those", "it", "its", "their", "his", "her", "they", "he", "she", "we", "you", "i", "per",
	"each", "more", "less", "since", "after", "before", "during", "while", "when", "where",
	"not", "also", "only", "all", "both", "about", "around", "across", "against", "between",
	"among", "through", "up", "down", "out", "off", "so", "if", "then", "there", "here",
	"according", "yet", "still", "just", "such", "than", "until", "till", "via", "within",
	"without", "yesterday", "today", "tomorrow", "tonight", "now", "again", "already",
	"either", "every", "because", "though", "although", "whether", "how", "why", "too", "very",
	"a.m", "p.m", "am", "pm", "percent", "pct", "respectively", "apiece", "each",
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
	"nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
	"thousand", "million", "billion", "trillion", NULL
};

/* The words parse_words (numbers.c) reads a value from: a number expression written without a
 * figure contains one of them. */
static const char *const numanchor[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
	"nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
	"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
	"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
	"eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth",
	"seventieth", "eightieth", "ninetieth", "dozen", "hundred", "hundredth", "thousandth",
	"millionth", "billionth", "thousand", "million", "billion", "trillion",
	"quarter", "half", NULL   /* "a quarter of", "half of" have no other (numbers.c: fraction words) */
};

/* Lower-case words a date expression can start with (dates.c: can_start). */
static const char *const datestart[] = {
	"by", "since", "until", "till", "before", "after", "through", "the", "next", "last", "this",
	"earlier", "later", "yesterday", "today", "tonight", "tomorrow", "noon", "midnight", "midday",
	"midmorning", "midafternoon", "mid", "early", "late", "end", "start", "beginning", "middle", "rest", "first", "second",
	"third", "fourth", "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "coming", NULL   /* ("the coming spring": dates.c, match_relative) */
};

static const char *const nouns[] = { "officials", "official", "police", "agency", "ministry", "investigators",
					     "panel", "councillors",
					     "spokesman", "spokeswoman", "spokesperson", "experts", "residents",
					     "authorities", "witnesses", "engineers", "government", "statement",
					     /* bodies and documents that say things in the news */
					     "report", "district", "directorate", "company", "council", "court",
					     "board", "commission", "union", "airline", "association", "department",
					     "office", "regulator", "operator", "utility", "agents", "analysts",
					     "authority", "trust", "hospital", "university", "firm", "bank", "embassy",
					     "guard", "coastguard", "service", "institute", "inspectorate", "prosecutors",
					     "spokespeople", "lawyers", "municipality", "inspectors", "contractor",
					     "researchers", "scientists", "organisers", "organizers", "prosecutor",
					     "partnership", "consortium", "federation", "coalition", "campaigners",
					     "group", "operators",
					     /* more bodies and people of the news in the plural */
					     "club", "league", "team", "committee", "party", "museum", "charity",
					     "watchdog", "foundation", "society", "organisation", "organization",
					     "owner", "owners", "fans", "supporters", "members", "parents", "teachers",
					     "doctors", "nurses", "workers", "farmers", "staff", "management",
					     "shareholders", "investors", "economists", "critics", "opponents",
					     "economist", "analyst", "expert", "researcher", "scientist", "lawyer",
					     "consultant", "academic", NULL};

/* Documents and data, and what they do ("a 2023 audit by the Public Works Board found that",
 * "figures published by the directorate show", "..., shows a report from the municipality"). */
static const char *const documents[] = { "report", "reports", "audit", "inspection", "figures", "numbers",
					 "data", "study", "survey", "review", "investigation", "analysis",
					 "statistics", "assessment", "evaluation", "inquiry", "census", "poll",
					 /* a body's own papers ("the club's accounts show") */
					 "accounts", "records", "filings", "documents", "letter",
					 /* what was counted or reckoned ("a count by the Lorrimer Institute shows") */
					 "count", "tally", "estimate", "estimates", "calculation", "calculations",
					 "projection", "projections", "summary", "timeline", "memo", "log", "paper",
					 NULL};

static const char *const finds[] = { "found", "finds", "show", "shows", "showed", "concluded", "concludes",
				     "revealed", "reveals", NULL};

static const char *const verbs[] = { "said", "says", "told", "added", "argued", "warned",
					     "stated", "wrote", "insisted", "announced", "noted", "explained",
					     "conceded", "described", "say", NULL};

static const char *const of_title[] = { "State", "Staff", "Defence", "Defense", "Police", NULL};

static const char *const loc_prep[] = { "in", "at", "from", "near", "to", "across", NULL};

static const char *const name_num[] = { "No.", "Route", "Gate", NULL};

/* The sex a courtesy title or a role shows for the person it is said of (extract.c: sex_word). */
static const char *const male_words[] = {
	"mr", "mr.", "sir", "lord", "king", "prince", "duke", "spokesman", "chairman", "congressman",
	"councilman", "assemblyman", "businessman", "alderman", "policeman", "headmaster", "monsieur",
	"herr", "se\xc3\xb1or", "signor", NULL
};
static const char *const female_words[] = {
	"mrs", "mrs.", "ms", "ms.", "miss", "mme", "mme.", "madam", "madame", "dame", "lady", "queen",
	"princess", "duchess", "spokeswoman", "chairwoman", "congresswoman", "councilwoman",
	"assemblywoman", "businesswoman", "alderwoman", "policewoman", "headmistress", "frau",
	"se\xc3\xb1ora", "signora", NULL
};
static const char *const he_words[] = { "he", "his", "him", "himself", NULL };
static const char *const she_words[] = { "she", "her", "hers", "herself", NULL };
/* Keep in step with extract.c: past_verb's irregular verbs, then told_in_past's other pasts. */
static const char *const past_words[] = {
	"struck", "took", "gave", "made", "held", "met", "won", "lost", "fell", "rose", "began", "came", "went",
	"found", "saw", "sent", "spent", "sold", "built", "brought", "kept", "broke", "chose", "drew", "drove",
	"stood", "threw", "wrote", "bought", "caught", "fought", "paid", "shot", "sank", "flew", "grew", "knew",
	"ran", "froze", "stole", "tore", "overturned", "upheld", "overrode", "withdrew",
	"was", "were", "had", "did", "died", "fled", "led", "said", "told", "got", "became", "left", "felt",
	"heard", "hit", "cut", "put", "set", NULL
};

/* Keep in step with quotes.c: "according to", estimated_by, verb_that, held_by_pronoun,
 * means_body and so_body. */
static const char *const attrib_words[] = { "according", "estimated", "estimates", "claimed", "claims",
					    "believes", "believe", "believed", "argues", "maintains",
					    "maintained", "means", "so",
					    /* a demand: "called on Tuesday for" (quotes.c: other_sense_says) */
					    "called", "calls",
					    /* a translation's "..., reports the department." (quotes.c: means_body) */
					    "reports", NULL };
static const char *const binds_words[] = { "face", "faces", "apply", "applies", NULL };
static const char *const source_words[] = { "figures", "data", "information", "indications", "statements",
					    "numbers", "measurements", "details", NULL };

static const struct {
	const char *const *words;
	unsigned bit;
} lists[] = {
	{ title_words, CT_LEX_TITLE },
	{ title_modifiers, CT_LEX_TITLE_MOD },
	{ org_words, CT_LEX_ORG },
	{ place_words, CT_LEX_PLACE },
	{ countries, CT_LEX_COUNTRY },
	{ not_names, CT_LEX_NOT_NAME },
	{ joiners, CT_LEX_JOINER },
	{ say_verbs, CT_LEX_SAY },
	{ pronouns, CT_LEX_PRONOUN },
	{ future, CT_LEX_FUTURE },
	{ opinion, CT_LEX_OPINION },
	{ cause, CT_LEX_CAUSE },
	{ rule, CT_LEX_RULE },
	{ numwords, CT_LEX_NUMWORD },
	{ datewords, CT_LEX_DATEWORD },
	{ nouns, CT_LEX_SPEAKER_NOUN },
	{ verbs, CT_LEX_SAY_AFTER },
	{ of_title, CT_LEX_OF_TITLE },
	{ loc_prep, CT_LEX_LOC_PREP },
	{ name_num, CT_LEX_NAME_NUM },
	{ numstart, CT_LEX_NUMSTART },
	{ datestart, CT_LEX_DATESTART },
	{ numanchor, CT_LEX_NUMANCHOR },
	{ numstop, CT_LEX_NUMSTOP },
	{ documents, CT_LEX_DOC },
	{ finds, CT_LEX_FIND },
	{ attrib_words, CT_LEX_ATTRIB },
	{ male_words, CT_LEX_MALE },
	{ female_words, CT_LEX_FEMALE },
	{ he_words, CT_LEX_MALE },
	{ she_words, CT_LEX_FEMALE },
	{ past_words, CT_LEX_PAST },
	{ source_words, CT_LEX_SOURCE },
	{ binds_words, CT_LEX_BINDS },
};

#define KEY_MAX (CT_LEX_KEY - 1)

struct ct_lex_slot ct_lex_table[CT_LEX_SLOTS];
unsigned char ct_lex_tags[CT_LEX_SLOTS];
int ct_lex_ready;

/* The first slot of a key: the top bits of its hash (ct_lexicon_word_hash), which the
 * tokeniser computes anyway for the check-worthiness features. */
static uint32_t key_slot(uint32_t h)
{
	return h >> (32 - CT_LEX_SLOT_BITS);
}

/* The tag: the next 7 bits of the hash below the slot's, with the high bit set. */
static unsigned char key_tag(uint32_t h)
{
	return (unsigned char)(0x80 | ((h >> (32 - CT_LEX_SLOT_BITS - 7)) & 0x7f));
}

/* Lower-cases w into key (curly apostrophe to '), zero-padded; returns the key length, or 0 if
 * too long. */
static size_t fold_key(char key[KEY_MAX + 1], const char *w, size_t n)
{
	size_t i, k = 0;
	memset(key, 0, KEY_MAX + 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		if (c == 0xe2 && i + 2 < n && (unsigned char)w[i + 1] == 0x80 && (unsigned char)w[i + 2] == 0x99) {
			c = '\'';
			i += 2;
		}
		if (k == KEY_MAX)
			return 0;
		c = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		key[k++] = (char)c;
	}
	return k;
}

void ct_lexicon_build(void)
{
	size_t l, k;
	if (ct_lex_ready)
		return;
	for (l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
		for (k = 0; lists[l].words[k]; k++) {
			char key[KEY_MAX + 1];
			size_t n = fold_key(key, lists[l].words[k], strlen(lists[l].words[k]));
			uint32_t s;
			if (!n)
				continue;
			s = key_slot(ct_lexicon_word_hash(key, n));
			while (ct_lex_table[s].len && memcmp(ct_lex_table[s].key, key, sizeof(key)))
				s = (s + 1) & (CT_LEX_SLOTS - 1);
			memcpy(ct_lex_table[s].key, key, sizeof(key));
			ct_lex_table[s].len = (unsigned char)n;
			ct_lex_table[s].bits |= lists[l].bit;
			ct_lex_tags[s] = key_tag(ct_lexicon_word_hash(key, n));
		}
	}
	ct_lex_ready = 1;
}

unsigned ct_lexicon_lookup_folded(const char key[KEY_MAX + 1], size_t n)
{
	return ct_lexicon_lookup_hashed(key, n, ct_lexicon_word_hash(key, n));
}

unsigned ct_lexicon_lookup(const char *w, size_t n)
{
	char key[KEY_MAX + 1];
	size_t len;
	if (!(len = fold_key(key, w, n)))
		return 0;
	return ct_lexicon_lookup_hashed(key, len, ct_lexicon_word_hash(key, len));
}
