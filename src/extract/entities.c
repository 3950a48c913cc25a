/* Entity recogniser over tokens: runs of capitalised words (joined by "of", "the", "for", "de"),
 * split into title + name, then classed as person, organisation or place. */
#include "extract/entities.h"

#include <string.h>

static const char *const title_words[] = {
	"President", "Vice", "Prime", "Minister", "Secretary", "Senator", "Sen.", "Rep.",
	"Representative", "Gov.", "Governor", "Mayor", "Adm.", "Admiral", "Gen.", "General",
	"Col.", "Colonel", "Lt.", "Lieutenant", "Capt.", "Captain", "Cmdr.", "Commander", "Maj.",
	"Major", "Sgt.", "Sergeant", "Dr.", "Prof.", "Professor", "Mr.", "Mrs.", "Ms.", "Chief",
	"Director", "Commissioner", "Chancellor", "King", "Queen", "Prince", "Princess", "Judge",
	"Justice", "Ambassador", "Spokesperson", "Spokesman", "Spokeswoman", "Chairman",
	"Chairwoman", "Chair", "Chairperson", "CEO", "Executive", "Deputy", "Speaker", "Inspector",
	"Superintendent", "Councillor", "Councilor", "Pope", "Bishop", "Rev.", "Sheikh", "Emir",
	"Sultan", "Premier", "Chief-of-Staff", "Attorney", "Envoy", "Officer", "Head", "Leader",
	"Engineer", "Supt.", "Insp.", "Brig.", "Hon.", "Pres.", "Assistant", "Undersecretary",
	"Foreign", "Defence", "Defense", "Interior", "Finance", "Health", "Harbour", "Harbor",
	NULL
};

/* Words that make a title only together with a following title word (Foreign Minister). */
static const char *const title_modifiers[] = {
	"Vice", "Prime", "Deputy", "Chief", "Foreign", "Defence", "Defense", "Interior", "Finance",
	"Health", "Harbour", "Harbor", "Assistant", "Executive", "Attorney", NULL
};

static const char *const org_words[] = {
	"Agency", "Ministry", "Department", "Council", "Office", "Service", "Services", "Authority",
	"Commission", "Committee", "Union", "Party", "Bank", "Company", "Corp.", "Corporation",
	"Inc.", "Ltd", "Ltd.", "Group", "University", "Institute", "Association", "Federation",
	"Court", "Parliament", "Senate", "Congress", "Army", "Navy", "Police", "Administration",
	"Government", "Board", "Fund", "Organisation", "Organization", "Forces", "Force", "Guard",
	"Coalition", "Alliance", "Assembly", "Cabinet", "Foundation", "Society", "Network",
	"Herald", "Times", "Post", "News", "Daily", "Press", "Agency", "Bureau", "Centre", "Center",
	"Hospital", "School", "Club", "Consortium", "Authority", "Trust", "Mission", "Secretariat",
	"Brigade", "Battalion", "Command", "Corps", "Directorate", "Inspectorate", NULL
};

static const char *const place_words[] = {
	"Street", "Road", "Avenue", "River", "Bay", "Island", "Islands", "City", "County",
	"Province", "State", "Region", "District", "Valley", "Harbour", "Harbor", "Port", "Sea",
	"Ocean", "Lake", "Mountains", "Strait", "Square", "Bridge", "Estuary", "Coast", "Gulf",
	"Peninsula", "Airport", NULL
};

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
	"Cairo", "Ankara", "Tehran", "Jerusalem", "Brussels", "Geneva", NULL
};

/* Capitalised words that are capitalised only because they start a sentence or are function words. */
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
	"Around", "Only", "Just", "Even", "Instead", "Although", "Though", "Rather", NULL
};

/* Lower-case words allowed inside a name: Secretary of State, Bank of England, Abu al-Said. */
static const char *const joiners[] = { "of", "the", "for", "de", "del", "da", "van", "von", "al", "bin", "and", NULL };

const char *ct_entity_kind_name(enum ct_entity_kind kind)
{
	switch (kind) {
	case CT_ENT_PERSON: return "person";
	case CT_ENT_ORG: return "organisation";
	case CT_ENT_PLACE: return "place";
	default: return "other";
	}
}

int ct_entity_is_title(const struct ct_tokens *tk, size_t i)
{
	return ct_tok_in(tk, i, title_words) && !ct_tok_in(tk, i, title_modifiers);
}

static int is_cap(const struct ct_tokens *tk, size_t i)
{
	return i < tk->n && (tk->t[i].flags & (CT_TOK_CAP | CT_TOK_ALLCAPS)) && !(tk->t[i].flags & CT_TOK_PUNCT);
}

static int possessive(const struct ct_tokens *tk, size_t i)
{
	const struct ct_token *t = &tk->t[i];
	return (t->end - t->start > 4 && !memcmp(tk->s + t->end - 4, "\xe2\x80\x99s", 4)) ||
	       (t->end - t->start > 2 && !memcmp(tk->s + t->end - 2, "'s", 2));
}

/* A word followed by a verb of saying marks a person: "Vos said", "Okafor told". */
static int said_after(const struct ct_tokens *tk, size_t i)
{
	static const char *const verbs[] = { "said", "says", "told", "added", "argued", "warned",
					     "stated", "wrote", "insisted", "announced", "noted", "explained", NULL };
	if (i < tk->n && (tk->t[i].flags & CT_TOK_PUNCT) && tk->s[tk->t[i].start] == ',')
		i++;
	return ct_tok_in(tk, i, verbs);
}

int ct_entities_scan(const struct ct_tokens *tk, ct_entity_cb cb, void *payload)
{
	size_t i = 0;
	int r;
	while (i < tk->n) {
		struct ct_entity e;
		size_t j, title_end, k, ncap = 0, last;
		int has_title = 0, org = 0, place = 0, country = 0;

		if (!is_cap(tk, i) || (tk->t[i].flags & CT_TOK_DIGIT)) {
			i++;
			continue;
		}
		/* A sentence's first word, or a function word, starts a name only when a name follows. */
		if (ct_tok_in(tk, i, not_names) && !(ct_entity_is_title(tk, i))) {
			i++;
			continue;
		}
		j = i;
		last = i;
		while (j < tk->n) {
			if (is_cap(tk, j) && !ct_tok_in(tk, j, not_names)) {
				last = j;
				ncap++;
				j++;
				if (possessive(tk, j - 1))
					break;  /* Port Alder’s Lowharbour: two names */
				continue;
			}
			if (j > i && ct_tok_in(tk, j, joiners) && is_cap(tk, j + 1) && !ct_tok_in(tk, j + 1, not_names)) {
				j++;
				continue;
			}
			break;
		}
		j = last + 1;
		/* "Gate No. 3", "Route 9": a number closes the name. */
		if (j < tk->n && (tk->t[j].flags & CT_TOK_DIGIT) && (ct_tok_is(tk, j - 1, "No.") || ct_tok_is(tk, j - 1, "Route") || ct_tok_is(tk, j - 1, "Gate")))
			j++;
		/* Split off the title: the longest leading run of title words (modifiers included). */
		title_end = i;
		for (k = i; k < j; k++) {
			if (ct_tok_in(tk, k, title_words) || (k > i && ct_tok_is(tk, k, "of") && k + 1 < j &&
							    ct_tok_in(tk, k + 1, (const char *const[]){ "State", "Staff", "Defence", "Defense", "Police", NULL }))) {
				if (ct_tok_is(tk, k, "of"))
					k++;
				title_end = k + 1;
				continue;
			}
			break;
		}
		/* "Harbour Minister" needs a head title word; "Harbour" alone is not a title. */
		if (title_end > i) {
			int head = 0;
			for (k = i; k < title_end; k++)
				head |= ct_entity_is_title(tk, k);
			if (!head)
				title_end = i;
		}
		has_title = title_end > i && title_end < j;
		for (k = i; k < j; k++) {
			org |= ct_tok_in(tk, k, org_words);
			place |= ct_tok_in(tk, k, place_words);
			country |= ct_tok_in(tk, k, countries);
		}
		memset(&e, 0, sizeof(e));
		e.tok_start = i;
		e.tok_end = j;
		e.start = tk->t[i].start;
		e.end = tk->t[j - 1].end;
		/* A possessive is not part of the name: Senate’s, Alder's. */
		if (e.end - e.start > 4 && !memcmp(tk->s + e.end - 4, "\xe2\x80\x99s", 4))
			e.end -= 4;
		else if (e.end - e.start > 2 && !memcmp(tk->s + e.end - 2, "'s", 2))
			e.end -= 2;
		e.name_start = has_title ? tk->t[title_end].start : e.start;
		e.name_end = e.end;
		e.title_start = e.start;
		e.title_end = has_title ? tk->t[title_end - 1].end : e.start;
		if (title_end == j) {
			/* A bare role ("the Harbour Minister said"): an entity of its own. */
			e.kind = CT_ENT_OTHER;
			e.title_end = e.end;
			e.name_start = e.name_end = e.end;
		} else if (has_title)
			e.kind = CT_ENT_PERSON;
		else if (org || (tk->t[i].flags & CT_TOK_ALLCAPS && j == i + 1 && !country))
			e.kind = CT_ENT_ORG;
		else if (country || place)
			e.kind = CT_ENT_PLACE;
		else if (said_after(tk, j) || (i > 0 && ct_tok_is(tk, i - 1, "by") && j - i >= 2 && j - i <= 3))
			e.kind = CT_ENT_PERSON;
		else if (i > 0 && ct_tok_in(tk, i - 1, (const char *const[]){ "in", "at", "from", "near", "to", "across", NULL }))
			e.kind = CT_ENT_PLACE;
		else
			e.kind = CT_ENT_OTHER;
		(void)ncap;
		if ((r = cb(&e, payload)) != 0)
			return r;
		i = j;
	}
	return 0;
}
