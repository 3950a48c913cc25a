/* A deterministic synthetic news corpus for the scale benchmark (make bench).
 *
 *   corpus_gen [-s SEED] N DIR
 *
 * Writes N articles DIR/aNNNNNN.txt (3-6 KB each) and DIR/manifest.tsv (file, id, outlet,
 * published, url: the input of `claimtrack add --manifest`). Articles come in stories: each story
 * is a set of facts (a figure, a second figure, a date, a person and their title, a country, a
 * city, an organisation, a quote) covered by 3 to 6 outlets. The first outlet writes the wire
 * copy; the others are rewrites (same facts, other words), translations (the facts in another
 * word order, figures and dates written another way) or sloppy copies with a planted
 * contradiction (a changed figure, date, title, country or quote). Background paragraphs of
 * random, story-specific sentences bring each article to its length. The same seed and N give
 * the same bytes on every machine: the generator uses its own PRNG and no clock or locale. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static unsigned pick(unsigned n)
{
	return (unsigned)((rnd() >> 33) % n);
}

#define PICK(arr) (arr)[pick((unsigned)(sizeof(arr) / sizeof((arr)[0])))]

static const char *const first_names[] = {
	"Amara", "Jonas", "Petra", "Lena", "Tomas", "Ines", "Kofi", "Mira", "Rafael", "Sanna", "Yusuf", "Helga",
	"Dario", "Noor", "Viktor", "Anouk", "Mateo", "Freya", "Idris", "Carmen", "Oskar", "Leila", "Bruno", "Zofia",
	"Ravi", "Elsa", "Hugo", "Nadia", "Emil", "Talia"
};
static const char *const last_names[] = {
	"Okafor", "Vos", "Petrell", "Castell", "Lindqvist", "Moreau", "Haddad", "Kowalski", "Brennan", "Santos",
	"Achterberg", "Nakamura", "Oyelaran", "Fischer", "Duarte", "Halloran", "Marchetti", "Sorensen", "Varga",
	"Abiodun", "Ferreira", "Lund", "Rasmussen", "Novak", "Quintero", "Whitlock", "Bergstrom", "Mensah"
};
static const char *const titles[] = {
	"Finance Minister", "Health Minister", "Interior Minister", "Prime Minister", "Transport Minister",
	"Governor", "Mayor", "Chief Executive", "Police Commissioner", "Energy Minister", "Trade Minister",
	"Central Bank Governor", "Education Minister", "Defence Minister"
};
static const char *const countries[] = {
	"Norway", "Portugal", "Kenya", "Chile", "Vietnam", "Poland", "Ghana", "Canada", "Peru", "Ireland",
	"Morocco", "Finland", "Colombia", "Austria", "Senegal", "Malaysia", "Uruguay", "Greece", "Nepal", "Tunisia",
	"Estonia", "Zambia", "Ecuador", "Denmark", "Jordan", "Slovenia", "Namibia", "Paraguay", "Iceland", "Rwanda"
};
static const char *const city_a[] = {
	"Port", "North", "East", "Upper", "Lower", "New", "Saint", "West", "Old", "South"
};
static const char *const city_b[] = {
	"Alder", "Brennick", "Caldmoor", "Dunmere", "Elswick", "Farrowby", "Glenhaven", "Holmfirth", "Ivybridge",
	"Kestrel", "Larkspur", "Marrowdale", "Netherby", "Oakhollow", "Pellham", "Quarrington", "Ravensfield",
	"Saltmere", "Thornbury", "Umberleigh", "Vantry", "Wexcombe", "Yarrow", "Zellbrook"
};
static const char *const orgs[] = {
	"the National Statistics Office", "the Coastal Defence Agency", "the Ministry of Health",
	"the Transport Safety Board", "the Central Bank", "the Electoral Commission", "the Red Cross",
	"the Chamber of Commerce", "the Public Prosecutor's Office", "the National Weather Office",
	"the Federation of Trade Unions", "the Audit Court", "the Energy Regulator", "the University Hospital"
};
static const char *const outlets[] = {
	"Wire Service", "Coastline Daily", "Harbour Herald", "The Morning Ledger", "Evening Courier",
	"Metro Gazette", "The Alder Review", "Northern Chronicle", "Valley Post", "The Daily Signal",
	"Capital Tribune", "Riverside Observer", "Weekend Standard", "Global Dispatch", "Tidewater Times",
	"The Independent Monitor"
};
static const char *const slugs[] = {
	"wire", "coastline", "harbour", "ledger", "courier", "metro", "alder", "northern", "valley", "signal",
	"capital", "riverside", "standard", "dispatch", "tidewater", "monitor"
};
/* Names made of syllables, so that a story's people and places are its own, as in real news (a
 * year of a wire service names tens of thousands of people): a desk of 32,000 articles drawing
 * its surnames and towns from a few dozen would make every name as common as "said". */
static const char *const onsets[] = {
	"b", "br", "c", "d", "dr", "f", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "r", "s", "st", "t",
	"tr", "v", "w", "z", "sh"
};
static const char *const vowels[] = { "a", "e", "i", "o", "u", "ae", "ei", "ou", "ia", "y" };
static const char *const codas[] = { "", "", "n", "r", "l", "s", "m", "th", "k", "nd", "rt" };
static const char *const surname_ends[] = { "", "", "sen", "ova", "ini", "ez", "er", "ak", "ard", "ley" };
static const char *const place_ends[] = { "by", "mere", "wick", "ford", "ton", "haven", "field", "dale", "moor", "stead" };

/* A capitalised word of nsyl syllables and an ending, into buf (sz >= 32). */
static void make_word(char *buf, size_t sz, unsigned nsyl, const char *end)
{
	size_t len = 0;
	unsigned i;
	buf[0] = '\0';
	for (i = 0; i < nsyl; i++)
		len += (size_t)snprintf(buf + len, sz - len, "%s%s%s", onsets[pick(24)], vowels[pick(10)],
				       i + 1 < nsyl ? "" : codas[pick(11)]);
	snprintf(buf + len, sz - len, "%s", end);
	buf[0] = (char)(buf[0] - 'a' + 'A');
}

static void make_surname(char *buf, size_t sz)
{
	make_word(buf, sz, 2 + pick(2), surname_ends[pick(10)]);
}

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
	"November", "December"
};
static const char *const weekdays[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };

/* What a story is about: headline, the thing counted, and the words its sentences use. */
struct topic {
	const char *headline;   /* %s = city */
	const char *event;      /* "the flood" */
	const char *counted;    /* "people were evacuated" */
	const char *counted2;   /* "homes were damaged" */
	const char *money;      /* "in emergency aid" */
	const char *verb;       /* what the person did: "announced an inquiry into" */
};
static const struct topic topics[] = {
	{ "Floodwater swamps %s as barrier gate fails", "the flood", "residents were evacuated", "homes were damaged",
	  "in emergency aid", "announced an independent inquiry into" },
	{ "Strike halts trains across %s", "the rail strike", "workers walked out", "services were cancelled",
	  "in lost revenue", "called for talks to end" },
	{ "Fire destroys warehouse district in %s", "the fire", "firefighters were deployed", "buildings were destroyed",
	  "in damage", "ordered a review of" },
	{ "Budget row deepens in %s as spending cuts bite", "the budget dispute", "jobs will be cut",
	  "schools will close", "in savings", "defended the plan behind" },
	{ "Vaccination drive reaches %s", "the vaccination campaign", "people were vaccinated", "clinics were opened",
	  "in new funding", "praised the staff of" },
	{ "Bridge collapse in %s leaves commuters stranded", "the bridge collapse", "people were injured",
	  "vehicles fell into the river", "in repair costs", "promised a full investigation of" },
	{ "Election count in %s delayed by disputed ballots", "the election", "ballots were disputed",
	  "polling stations reopened", "in extra costs", "rejected claims of fraud in" },
	{ "Heatwave grips %s as power demand peaks", "the heatwave", "people sought hospital treatment",
	  "households lost power", "in grid repairs", "apologised for the handling of" },
	{ "Trade deal signed in %s after months of talks", "the trade agreement", "tariffs were removed",
	  "companies signed up", "in new exports", "hailed the signing of" },
	{ "Factory closure shakes %s", "the factory closure", "workers lost their jobs", "suppliers were affected",
	  "in severance pay", "criticised the owners over" }
};

struct person {
	const char *first, *last, *title;
};

struct story {
	const struct topic *t;
	char city[48];
	char last[32];          /* the person's surname */
	char rival[32];         /* the opposition leader's surname */
	const char *country;
	const char *org;
	struct person who;
	long n1;        /* the first figure */
	long n2;        /* the second figure */
	double money;   /* millions */
	int day, month, year, wday;
	int pub_day;    /* days since 2025-01-01 of the first article */
	const char *quote_a, *quote_b;
	unsigned topic_seed;
};

static const char *const quote_a[] = {
	"We own this failure and we will fix it",
	"Nobody in this government will hide behind the weather",
	"The numbers speak for themselves",
	"This was preventable and everyone here knows it",
	"We acted as quickly as the law allowed",
	"Families deserve answers, not excuses",
	"The money is there and it will be spent",
	"We warned about this risk two years ago"
};
static const char *const quote_b[] = {
	"we will not rest until every household is safe",
	"the inquiry will publish everything it finds",
	"nobody should lose their livelihood over this",
	"the budget was never the problem",
	"our staff worked through the night",
	"this is only the first step"
};
/* The planted contradiction of a quote: the same sentence made to say something else. */
static const char *const quote_a_bad[] = {
	"We do not accept this failure and we will not pay for it",
	"Everybody in this government can blame the weather",
	"The numbers do not tell the whole story",
	"This was not preventable and nobody could have known",
	"We acted far too slowly, and the law was no excuse",
	"Families will get answers when the courts decide",
	"The money is not there and it will not be spent",
	"We never warned about this risk before"
};

static void make_story(struct story *s, unsigned idx)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char place[32];
	int d, m;
	s->t = &PICK(topics);
	if (pick(3) == 0) {   /* a town of the old list now and then, as real towns repeat */
		snprintf(s->city, sizeof(s->city), "%s %s", PICK(city_a), PICK(city_b));
	} else {
		make_word(place, sizeof(place), 1 + pick(2), PICK(place_ends));
		if (pick(2))
			snprintf(s->city, sizeof(s->city), "%s %s", PICK(city_a), place);
		else
			snprintf(s->city, sizeof(s->city), "%s", place);
	}
	s->country = PICK(countries);
	s->org = PICK(orgs);
	s->who.first = PICK(first_names);
	if (pick(4) == 0)
		snprintf(s->last, sizeof(s->last), "%s", PICK(last_names));
	else
		make_surname(s->last, sizeof(s->last));
	s->who.last = s->last;
	make_surname(s->rival, sizeof(s->rival));
	s->who.title = PICK(titles);
	s->n1 = 20 + (long)pick(9000);
	if (pick(3) == 0)
		s->n1 = s->n1 * 100 + (long)pick(100);
	s->n2 = 3 + (long)pick(400);
	s->money = (double)(5 + pick(995)) / (pick(2) ? 10.0 : 1.0);
	s->pub_day = (int)(idx * 3 % 360) + (int)pick(5);
	/* the event: 1 to 6 days before publication */
	d = s->pub_day - 1 - (int)pick(6);
	if (d < 0)
		d = 0;
	s->wday = (d + 2) % 7;   /* 2025-01-01 is a Wednesday */
	s->year = 2025;
	for (m = 0; m < 11 && d >= mdays[m]; m++)
		d -= mdays[m];
	s->month = m;
	s->day = d + 1;
	s->quote_a = quote_a[pick(8)];
	s->quote_b = PICK(quote_b);
	s->topic_seed = (unsigned)(rnd() >> 32);
}

static void day_to_date(int d, char out[16])
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int m;
	for (m = 0; m < 11 && d >= mdays[m]; m++)
		d -= mdays[m];
	snprintf(out, 16, "2025-%02d-%02d", (m + 1) % 100, (d + 1) % 100);
}

/* The output buffer of one article. */
struct out {
	char *p;
	size_t len, cap;
};

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(o->p + o->len, o->cap - o->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			abort();
		if ((size_t)n < o->cap - o->len)
			break;
		o->cap = o->cap * 2 + (size_t)n;
		if (!(o->p = realloc(o->p, o->cap))) {
			perror("corpus_gen");
			exit(1);
		}
	}
	o->len += (size_t)n;
}

/* Figures: "4,210", or in the translation style "4 210" / "4.2 thousand" for big ones. */
static void fmt_num(char *buf, size_t sz, long n, int style)
{
	if (n >= 1000000 && style == 1)
		snprintf(buf, sz, "%.1f million", (double)n / 1e6);
	else if (n >= 1000 && style == 1)
		snprintf(buf, sz, "%ld %03ld", n / 1000, n % 1000);
	else if (n >= 1000000)
		snprintf(buf, sz, "%ld,%03ld,%03ld", n / 1000000, n / 1000 % 1000, n % 1000);
	else if (n >= 1000)
		snprintf(buf, sz, "%ld,%03ld", n / 1000, n % 1000);
	else
		snprintf(buf, sz, "%ld", n);
}

static void fmt_date(char *buf, size_t sz, int day, int month, int style)
{
	if (style == 1)
		snprintf(buf, sz, "%d %s", day, months[month]);
	else
		snprintf(buf, sz, "%s %d", months[month], day);
}

/* Background facts a story has to draw from. */
#define BACKGROUND_FACTS (8 + 4 * 16)

/* Which fact a sloppy copy gets wrong. */
enum bad { BAD_NONE, BAD_N1, BAD_N2, BAD_DATE, BAD_TITLE, BAD_COUNTRY, BAD_QUOTE, BAD_MONEY };

/* One article of a story. kind: 0 wire copy, 1 rewrite, 2 translation, 3 sloppy copy. */
static void write_article(struct out *o, const struct story *s, int kind, enum bad bad, const char *outlet,
			  size_t target)
{
	long n1 = s->n1, n2 = s->n2;
	double money = s->money;
	int day = s->day, month = s->month, wday = s->wday;
	const char *title = s->who.title, *country = s->country, *qa = s->quote_a;
	char num1[32], num2[32], date[32], mon[32];
	int style = kind == 2;
	unsigned char used[BACKGROUND_FACTS];
	unsigned i;

	switch (bad) {
	case BAD_N1: n1 = n1 * (2 + (long)pick(3)) / 2 + 7; break;
	case BAD_N2: n2 = n2 + 10 + (long)pick(50); break;
	case BAD_DATE: day = day > 20 ? day - 3 - (int)pick(5) : day + 3 + (int)pick(5); wday = (wday + 3) % 7; break;
	case BAD_TITLE: do title = PICK(titles); while (title == s->who.title); break;
	case BAD_COUNTRY: do country = PICK(countries); while (country == s->country); break;
	case BAD_QUOTE: for (i = 0; i < 8; i++) if (quote_a[i] == s->quote_a) qa = quote_a_bad[i]; break;
	case BAD_MONEY: money = money * 3 + 1; break;
	case BAD_NONE: break;
	}
	fmt_num(num1, sizeof(num1), n1, style);
	fmt_num(num2, sizeof(num2), n2, style);
	fmt_date(date, sizeof(date), day, month, style);
	snprintf(mon, sizeof(mon), "%.1f million", money);

	/* headline and byline */
	if (kind == 0 || kind == 3) {
		const char *at = strstr(s->t->headline, "%s");
		put(o, "%.*s%s%s", (int)(at - s->t->headline), s->t->headline, s->city, at + 2);
	}
	else if (kind == 1)
		put(o, "%s: what we know about %s", s->city, s->t->event);
	else
		put(o, "In %s, %s: %s %s %s", country, s->city, s->who.title, s->who.last, "speaks");
	put(o, "\n\nBy %s %s | %s\n\n", PICK(first_names), PICK(last_names), outlet);

	/* the facts, in the order and the words of the kind of copy */
	if (kind == 2) {
		put(o, "According to %s, %s %s in %s, %s, on %s.\n\n", s->org, num1, s->t->counted, s->city, country, date);
		put(o, "On %s, %s %s %s %s %s.\n\n", weekdays[wday], date, title, s->who.first, s->who.last, s->t->verb);
		put(o, "In addition, %s %s, the authorities reported.\n\n", num2, s->t->counted2);
		put(o, "The government of %s has promised %s euros %s, said %s %s.\n\n", country, mon, s->t->money, title,
		    s->who.last);
		put(o, "\"%s,\" declared %s %s.\n\n", qa, title, s->who.last);
		put(o, "%s added: \"%c%s.\"\n\n", s->who.last, s->quote_b[0] - 'a' + 'A', s->quote_b + 1);
	} else {
		put(o, "%s %s in %s, %s, on %s, %s, according to %s.\n\n", num1, s->t->counted, s->city, country,
		    weekdays[wday], date, s->org);
		put(o, "%s %s %s %s %s on %s.\n\n", title, s->who.first, s->who.last, s->t->verb, s->t->event,
		    weekdays[wday]);
		if (kind == 1)
			put(o, "Officials said %s %s as a result of %s.\n\n", num2, s->t->counted2, s->t->event);
		else
			put(o, "At least %s %s, officials said.\n\n", num2, s->t->counted2);
		put(o, "The government of %s pledged %s euros %s.\n\n", country, mon, s->t->money);
		put(o, "\"%s,\" %s said at a news conference in %s.\n\n", qa, s->who.last, s->city);
		put(o, "\"%c%s,\" %s said.\n\n", s->quote_b[0] - 'a' + 'A', s->quote_b + 1, s->who.last);
	}

	/* background: sentences drawn from the story's own BACKGROUND_FACTS facts until the article
	 * reaches its length, each at most once per article. A fact's words come from its own seed
	 * (the story's and the fact's number), so the outlets of one story tell it alike, as real
	 * coverage repeats the same background; only the planted error differs. */
	memset(used, 0, sizeof(used));
	while (o->len < target) {
		int j, nsent = 2 + (int)pick(4);
		char resident[32];
		for (j = 0; j < nsent; j++) {
			static const unsigned char single[] = { 0, 1, 2, 3, 4, 5, 7, 10 }, multi[] = { 6, 8, 9, 11 };
			unsigned k = pick(BACKGROUND_FACTS), tries = 0, tmpl, variant;
			uint64_t saved;
			long a, b;
			int yr;
			while (used[k] && tries++ < 8)
				k = pick(BACKGROUND_FACTS);
			used[k] = 1;
			/* a story has one population, one unemployment rate...: those templates have one
			 * fact each; the others (a spokesperson, an office, a past event, a resident) many */
			if (k < sizeof(single)) {
				tmpl = single[k];
				variant = 0;
			} else {
				tmpl = multi[(k - sizeof(single)) % sizeof(multi)];
				variant = (k - (unsigned)sizeof(single)) / (unsigned)sizeof(multi);
			}
			saved = rng_state;
			rng_state = ((uint64_t)s->topic_seed << 24 ^ (uint64_t)(tmpl * 64 + variant) * 0x9E3779B97F4A7C15ULL) | 1;
			a = 2 + (long)pick(60);
			b = 100 + (long)pick(90000);
			yr = 1990 + (int)pick(35);
			switch (tmpl) {
			case 0: put(o, "T%s said the last comparable case in %s was recorded in %d. ", s->org + 1, country, yr); break;   /* orgs begin "the " */
			case 1: put(o, "Local councillors in %s had raised concerns about %s %ld months earlier. ", s->city,
				    s->t->event, a); break;
			case 2: put(o, "About %ld people live in the affected district, according to the %d census. ", b, yr); break;
			case 3: put(o, "The opposition leader, %s %s, called for %s %s to resign. ", PICK(first_names),
				    s->rival, title, s->who.last); break;
			case 4: put(o, "Residents of %s described long queues at the town hall, where staff handed out forms. ",
				    s->city); break;
			case 5: put(o, "%s has a population of roughly %ld.%ld million people. ", country, a / 10 + 1, a % 10); break;
			case 6: put(o, "A spokesperson for %s declined to comment on the figures. ", PICK(orgs)); break;
			case 7: put(o, "Unemployment in the region stood at %ld.%ld percent last year. ", a / 6 + 2, a % 10); break;
			case 8: put(o, "The %s office in %s received %ld complaints in the first week. ", PICK(orgs) + 4, s->city,
				    b / 10); break;
			case 9: put(o, "In %d, a similar event cost the region %ld million euros. ", yr, a * 3); break;
			case 10: put(o, "Critics noted that the budget for the service had fallen by %ld percent since %d. ",
				     a % 40 + 3, yr); break;
			default:
				make_surname(resident, sizeof(resident));
				put(o, "\"It was worse than anything we had seen,\" said %s %s, who has lived in %s for %ld years. ",
				    PICK(first_names), resident, s->city, a % 50 + 3);
				break;
			}
			rng_state = saved;
		}
		put(o, "\n\n");
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: corpus_gen [-s SEED] N DIR\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long long seed = 7;
	unsigned long n;
	const char *dir;
	char path[4096], pub[16], *end;
	struct out o = { NULL, 0, 0 };
	unsigned long done = 0, story = 0;
	size_t total = 0;
	FILE *man;
	int argi = 1;

	if (argc >= 3 && !strcmp(argv[1], "-s")) {
		seed = strtoull(argv[2], &end, 10);
		if (*end)
			usage();
		argi = 3;
	}
	if (argc - argi != 2)
		usage();
	n = strtoul(argv[argi], &end, 10);
	if (*end || n == 0 || n > 10000000)
		usage();
	dir = argv[argi + 1];
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "corpus_gen: cannot create '%s': %s\n", dir, strerror(errno));
		return 1;
	}
	rng_state = seed * 0x9E3779B97F4A7C15ULL + 1;
	o.cap = 8192;
	if (!(o.p = malloc(o.cap)))
		return 1;
	snprintf(path, sizeof(path), "%s/manifest.tsv", dir);
	if (!(man = fopen(path, "w"))) {
		fprintf(stderr, "corpus_gen: cannot write '%s': %s\n", path, strerror(errno));
		return 1;
	}
	fprintf(man, "# file\tid\toutlet\tpublished\turl\n");
	while (done < n) {
		struct story s;
		unsigned k, cover = 3 + pick(4), first = pick(16);
		make_story(&s, (unsigned)story);
		for (k = 0; k < cover && done < n; k++, done++) {
			unsigned oi = (first + k * 5) % 16;   /* distinct outlets within a story */
			int kind = k == 0 ? 0 : 1 + (int)pick(3);
			enum bad bad = kind == 3 ? (enum bad)(1 + pick(7)) : BAD_NONE;
			size_t target = 3000 + pick(2800);
			FILE *f;
			o.len = 0;
			write_article(&o, &s, kind, bad, outlets[oi], target);
			snprintf(path, sizeof(path), "%s/a%07lu.txt", dir, done);
			if (!(f = fopen(path, "w")) || fwrite(o.p, 1, o.len, f) != o.len || fclose(f) != 0) {
				fprintf(stderr, "corpus_gen: cannot write '%s': %s\n", path, strerror(errno));
				return 1;
			}
			total += o.len;
			day_to_date(s.pub_day + (int)(k > 2), pub);
			fprintf(man, "a%07lu.txt\t%s-%07lu\t%s\t%s\thttps://%s.example.com/%s/s%06lu-%u\n", done, slugs[oi],
				done, outlets[oi], pub, slugs[oi], pub, story, k);
		}
		story++;
	}
	if (fclose(man) != 0) {
		fprintf(stderr, "corpus_gen: cannot write the manifest: %s\n", strerror(errno));
		return 1;
	}
	fprintf(stderr, "corpus_gen: %lu articles, %lu stories, %zu bytes in %s\n", n, story, total, dir);
	free(o.p);
	return 0;
}
