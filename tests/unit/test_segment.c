/* Unit tests for src/text/segment.c: sentence boundaries, abbreviations, hard-wrapped text,
 * headings, bylines, furniture and teasers, on small cases and the fixtures in tests/fixtures/text/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "text/segment.h"
#include "text/utf8.h"
#include "util/err.h"

#define MAX_SEGS 256

typedef struct collect {
	const char *text;
	ct_segment seg[MAX_SEGS];
	size_t n;
	size_t stop_at;  /* return 7 from the callback at this segment (0: never) */
} collect;

static int collect_cb(const ct_segment *seg, void *payload)
{
	collect *c = payload;
	assert_true(c->n < MAX_SEGS);
	c->seg[c->n++] = *seg;
	if (c->stop_at && c->n == c->stop_at)
		return 7;
	return 0;
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
}

/* Properties every segmentation must have: ordered, disjoint, trimmed, numbered. */
static void check_invariants(const collect *c, size_t len)
{
	size_t i, prev_end = 0;
	unsigned prev_par = 0;
	for (i = 0; i < c->n; i++) {
		const ct_segment *s = &c->seg[i];
		assert_true(s->start < s->end);
		assert_true(s->end <= len);
		assert_true(s->start >= prev_end);
		assert_false(is_space(c->text[s->start]));
		assert_false(is_space(c->text[s->end - 1]));
		assert_int_equal(s->index, i);
		assert_true(s->paragraph >= prev_par);
		assert_true(s->kind >= CT_SEG_SENTENCE && s->kind <= CT_SEG_TEASER);
		prev_end = s->end;
		prev_par = s->paragraph;
	}
}

/* Segments text and renders one line per segment: "<paragraph> <kind>|<flattened text>". */
static void render(const char *text, size_t len, ct_buf *out)
{
	collect c;
	size_t i;
	memset(&c, 0, sizeof(c));
	c.text = text;
	assert_int_equal(ct_segment_text(text, len, collect_cb, &c), 0);
	check_invariants(&c, len);
	for (i = 0; i < c.n; i++) {
		ct_buf_printf(out, "%u %s|", c.seg[i].paragraph, ct_seg_kind_name(c.seg[i].kind));
		ct_segment_flatten(out, text, c.seg[i].start, c.seg[i].end);
		ct_buf_putc(out, '\n');
	}
	assert_int_equal(ct_buf_oom(out), 0);
}

/* Compares the rendering of text with the NULL-terminated expected lines. */
static void expect_lines(const char *text, const char *const *want)
{
	ct_buf got = CT_BUF_INIT, exp = CT_BUF_INIT;
	render(text, strlen(text), &got);
	for (; *want; want++) {
		ct_buf_puts(&exp, *want);
		ct_buf_putc(&exp, '\n');
	}
	assert_string_equal(got.ptr, exp.ptr);
	ct_buf_release(&got);
	ct_buf_release(&exp);
}

#define EXPECT(text, ...) do { \
		static const char *const want_[] = { __VA_ARGS__, NULL }; \
		expect_lines(text, want_); \
	} while (0)

/* Reads and cleans a fixture; the tests run from the top of the tree. */
static void load_fixture(const char *name, ct_buf *out)
{
	ct_buf raw = CT_BUF_INIT, path = CT_BUF_INIT;
	size_t n_bad, first;
	ct_buf_printf(&path, "tests/fixtures/text/%s", name);
	if (ct_buf_read_file(&raw, path.ptr) != 0) {
		ct_buf_clear(&path);
		ct_buf_printf(&path, "../../tests/fixtures/text/%s", name);
		assert_int_equal(ct_buf_read_file(&raw, path.ptr), 0);
	}
	assert_int_equal(ct_text_clean(out, raw.ptr, raw.len, &n_bad, &first), 0);
	assert_int_equal(n_bad, 0);
	ct_buf_release(&raw);
	ct_buf_release(&path);
}

static void expect_fixture(const char *name, const char *const *want)
{
	ct_buf text = CT_BUF_INIT;
	load_fixture(name, &text);
	expect_lines(text.ptr, want);
	ct_buf_release(&text);
}

/* ---- fixtures ------------------------------------------------------------------------------ */

static void test_fixture_hardwrap72(void **state)
{
	static const char *const want[] = {
		"0 heading|Old Mill Bridge to Close for Repairs After Inspection",
		"1 byline|By Ana Ruiz and Tom Kell",
		"2 sentence|RIVERTON (Wire) \xE2\x80\x94 The Old Mill Bridge will close for at least 14 weeks starting Jan. 6, city officials said on Tuesday, after inspectors found cracks in two of its steel supports.",
		"2 sentence|Mayor Lena Ortiz called the decision \xE2\x80\x9Cpainful but necessary.\xE2\x80\x9D",
		"2 sentence|The bridge carries about 12,500 vehicles a day.",
		"3 sentence|Dr. Samuel K. Osei, an engineer at Riverton Technical Institute who reviewed the inspection report, said the cracks were 3.5 centimetres long.",
		"3 sentence|\xE2\x80\x9CNobody should panic,\xE2\x80\x9D he said.",
		"3 sentence|\xE2\x80\x9C" "But nobody should drive over it either.\xE2\x80\x9D",
		"4 sentence|The repairs will cost $4.2 million, according to the U.S. Department of Transportation, which will pay for most of the work.",
		"4 sentence|A similar bridge was closed in 2019 for repairs that took twice as long as any other job in the U.S.",
		"4 sentence|The state later sued the contractor, Hale & Co. for damages.",
		"5 heading|What Comes Next",
		"6 sentence|Detours will send traffic over the Elm Street crossing, which is already busy at rush hour.",
		"6 sentence|Is the city ready?",
		"6 sentence|Officials say yes.",
		"6 sentence|Sen. Maria Gomez and Rep. John F. Tate said they would ask for federal help, i.e. an emergency grant, next week.",
		"7 sentence|The bridge, built in 1911, was last repaired in Oct. 1987 by Acme Steel Inc. and has not been closed since.",
		"7 sentence|The well-known landmark appears on the city seal.",
		NULL
	};
	(void)state;
	expect_fixture("hardwrap72.txt", want);
}

static void test_fixture_hardwrap72_offsets(void **state)
{
	ct_buf text = CT_BUF_INIT;
	collect c;
	const char *p;
	(void)state;
	load_fixture("hardwrap72.txt", &text);
	memset(&c, 0, sizeof(c));
	c.text = text.ptr;
	assert_int_equal(ct_segment_text(text.ptr, text.len, collect_cb, &c), 0);
	assert_int_equal(c.n, 18);
	/* The first body sentence starts at the dateline and spans three wrapped lines. */
	p = strstr(text.ptr, "RIVERTON");
	assert_non_null(p);
	assert_int_equal(c.seg[2].start, (size_t)(p - text.ptr));
	p = strstr(text.ptr, "supports.");
	assert_int_equal(c.seg[2].end, (size_t)(p - text.ptr) + strlen("supports."));
	assert_non_null(memchr(text.ptr + c.seg[2].start, '\n', c.seg[2].end - c.seg[2].start));
	/* The closing quote belongs to the sentence it ends. */
	p = strstr(text.ptr, "necessary.\xE2\x80\x9D");
	assert_int_equal(c.seg[3].end, (size_t)(p - text.ptr) + strlen("necessary.\xE2\x80\x9D"));
	ct_buf_release(&text);
}

static void test_fixture_perline(void **state)
{
	static const char *const want[] = {
		"0 heading|Harbour council approves new evening ferry crossings",
		"1 byline|By ANA RUIZ | Staff Reporter",
		"2 sentence|PORT ELLEN (Wire) \xE2\x80\x94 The harbour council voted 7-2 on Monday to add two evening ferry crossings, a change Mr. Ruiz called \xE2\x80\x9Clong overdue.\xE2\x80\x9D",
		"2 sentence|The new timetable starts on Feb. 1 and runs until Sept. 30.",
		"3 sentence|\xE2\x80\x9CWe heard from hundreds of commuters,\xE2\x80\x9D said the council chair, Prof. Helen Marsh.",
		"3 sentence|\xE2\x80\x9CThey told us the last boat, at 6:15 p.m., leaves far too early.\xE2\x80\x9D",
		"4 sentence|The ferry operator, Blue Line Ltd., said fares would rise by 2.5 per cent.",
		"4 sentence|Students objected\xE2\x80\xA6",
		"4 sentence|They said the rise would hurt them most.",
		"5 heading|Key Questions",
		"6 sentence|Will the ferries run on holidays?",
		"6 sentence|The council said yes, except on Dec. 25.",
		"6 sentence|A single ticket will cost \xC2\xA3" "4.80, the same as on the U.K. Ministry\xE2\x80\x99s pilot routes.",
		"7 sentence|Capt. Ian McLeod, who has run the route for 20 years, said the boats could cope.",
		"7 sentence|\xE2\x80\x9CIt\xE2\x80\x99s doable!\xE2\x80\x9D he said.",
		"7 sentence|\xE2\x80\x98We have done it before,\xE2\x80\x99 added his deputy, Lt. Cmdr. Rosa Vance.",
		"8 sentence|The council also approved ferries No. 3 and No. 4 for the winter (both were refitted in 2022.)",
		"8 sentence|Work on the pier starts in the spring, etc.",
		"8 sentence|Nobody voted against it.",
		NULL
	};
	(void)state;
	expect_fixture("perline.txt", want);
}

static void test_fixture_furniture(void **state)
{
	static const char *const want[] = {
		"0 heading|Floods Close Roads Across the North",
		"1 byline|Jane Doe, Staff Writer",
		"2 byline|Published March 4, 2024 10:32 AM",
		"3 furniture|Share this article",
		"4 furniture|Advertisement",
		"5 byline|NORTHFIELD \xE2\x80\x94",
		"6 sentence|Heavy rain closed 14 roads across the north on Sunday, the county highways office said.",
		"7 teaser|MORE FROM THE HERALD: COUNCIL VOTES TO CLOSE OLD MILL BRIDGE",
		"8 sentence|Water levels on the River Tam reached 4.8 metres, the highest since records began in 1962, according to the Environment Agency.",
		"9 furniture|Photo: Tom Kell / The Herald",
		"10 furniture|Related:",
		"11 teaser|Bridge Repairs to Start in January",
		"12 teaser|Ferry Timetable Changes Explained",
		"13 sentence|The agency said more rain was expected on Tuesday.",
		"13 sentence|Residents were urged to avoid the A68.",
		"14 furniture|Sign up for our morning newsletter.",
		"15 byline|Jane Doe is a reporter who covers weather and climate for the Herald.",
		"15 byline|She previously worked at the Northfield Gazette.",
		"16 furniture|0 Comments",
		"17 furniture|\xC2\xA9 2024 The Herald. All rights reserved.",
		"18 furniture|The post Floods Close Roads Across the North appeared first on The Herald.",
		NULL
	};
	(void)state;
	expect_fixture("furniture.txt", want);
}

/* A kicker, breadcrumb or masthead above the title leaves it the title's place; a byline that
 * ends in "p.m." is a byline; a "By Monday," sentence is not. */
static void test_kicker_title_byline(void **state)
{
	(void)state;
	EXPECT("WORLD NEWS | EUROPE\n\nChlorine leak forces 3,860 from their homes\n\n"
	       "By Mara Lindt | Pressline | Oct. 18, 2027, 4:12 p.m.\n\nThe leak began at 10:40 a.m. on Monday.\n",
	       "0 heading|WORLD NEWS | EUROPE", "1 heading|Chlorine leak forces 3,860 from their homes",
	       "2 byline|By Mara Lindt | Pressline | Oct. 18, 2027, 4:12 p.m.",
	       "3 sentence|The leak began at 10:40 a.m. on Monday.");
	EXPECT("Daily News \xE2\x80\xBA World \xE2\x80\xBA Europe\n\nMiners trapped after tunnel collapse\n\n"
	       "By Hana Lind, Daily News, March 4, 2027, 6:35 p.m.\n\nRescuers reached them on Friday.\n",
	       "0 heading|Daily News \xE2\x80\xBA World \xE2\x80\xBA Europe", "1 heading|Miners trapped after tunnel collapse",
	       "2 byline|By Hana Lind, Daily News, March 4, 2027, 6:35 p.m.", "3 sentence|Rescuers reached them on Friday.");
	EXPECT("The Tidende \xE2\x80\x94 English edition\n\nGas cloud empties the streets\n\n"
	       "From our editorial staff, after a report of the Ledger\n\nBy Monday, 40 people had left.\n",
	       "0 heading|The Tidende \xE2\x80\x94 English edition", "1 heading|Gas cloud empties the streets",
	       "2 byline|From our editorial staff, after a report of the Ledger",
	       "3 sentence|By Monday, 40 people had left.");
}

static void test_fixture_hardwrap_blank(void **state)
{
	static const char *const want[] = {
		"0 heading|Library Hours Cut as Budget Shrinks",
		"1 byline|By Lee Chan",
		"2 sentence|GLENBROOK \xE2\x80\x94 The Glenbrook public library will open four days a week from April, the town's finance director, Ms. Priya Nair, said on Thursday.",
		"2 sentence|The cut saves about $310,000 a year, or 6.2 per cent of the library's budget.",
		"3 sentence|\xE2\x80\x9CIt is the hardest call we have made,\xE2\x80\x9D Ms. Nair said.",
		"3 sentence|The library's board meets again on Apr. 9 to discuss volunteer-run evening sessions.",
		"4 teaser|READ MORE: TOWN HALL ROOF REPAIRS DELAYED AGAIN",
		"5 furniture|Read more:",
		"6 teaser|Pool Reopens After Two-Year Refit",
		"7 byline|Lee Chan is a correspondent who covers local government for the Glenbrook Courier.",
		"7 byline|He can be reached at the newsroom.",
		"8 furniture|The post Library Hours Cut as Budget Shrinks appeared first on Glenbrook Courier.",
		NULL
	};
	(void)state;
	expect_fixture("hardwrap_blank.txt", want);
}

/* ---- abbreviations and boundaries ---------------------------------------------------------- */

/* Each title abbreviation keeps the sentence going, before a name and even before "The". */
static void test_title_abbreviations(void **state)
{
	static const char *const abbr[] = {
		"Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Adm.", "Lt.", "Col.", "Capt.", "Sgt.",
		"Sen.", "Rep.", "Gov.", "Pres.", "St.", "vs.", NULL
	};
	const char *const *a;
	(void)state;
	for (a = abbr; *a; a++) {
		ct_buf text = CT_BUF_INIT, got = CT_BUF_INIT, want = CT_BUF_INIT;
		ct_buf_printf(&text, "They met %s Smith on Monday. It rained.", *a);
		ct_buf_printf(&want, "0 sentence|They met %s Smith on Monday.\n0 sentence|It rained.\n", *a);
		render(text.ptr, text.len, &got);
		assert_string_equal(got.ptr, want.ptr);
		ct_buf_clear(&text);
		ct_buf_clear(&got);
		ct_buf_clear(&want);
		ct_buf_printf(&text, "He said %s The Hague was next. It was.", *a);
		ct_buf_printf(&want, "0 sentence|He said %s The Hague was next.\n0 sentence|It was.\n", *a);
		render(text.ptr, text.len, &got);
		assert_string_equal(got.ptr, want.ptr);
		ct_buf_release(&text);
		ct_buf_release(&got);
		ct_buf_release(&want);
	}
}

/* Company and name suffixes: no split before a name or lowercase, a split before a common opener. */
static void test_suffix_abbreviations(void **state)
{
	static const char *const abbr[] = { "Inc.", "Ltd.", "Co.", "Corp.", "Jr.", "Sr.", NULL };
	const char *const *a;
	(void)state;
	for (a = abbr; *a; a++) {
		ct_buf text = CT_BUF_INIT, got = CT_BUF_INIT, want = CT_BUF_INIT;
		ct_buf_printf(&text, "Acme %s Chief Executive Ann Lee said so. Acme %s said more.", *a, *a);
		ct_buf_printf(&want, "0 sentence|Acme %s Chief Executive Ann Lee said so.\n"
				     "0 sentence|Acme %s said more.\n", *a, *a);
		render(text.ptr, text.len, &got);
		assert_string_equal(got.ptr, want.ptr);
		ct_buf_clear(&text);
		ct_buf_clear(&got);
		ct_buf_clear(&want);
		ct_buf_printf(&text, "Shares fell at Acme %s The company said it would recover.", *a);
		ct_buf_printf(&want, "0 sentence|Shares fell at Acme %s\n"
				     "0 sentence|The company said it would recover.\n", *a);
		render(text.ptr, text.len, &got);
		assert_string_equal(got.ptr, want.ptr);
		ct_buf_release(&text);
		ct_buf_release(&got);
		ct_buf_release(&want);
	}
}

static void test_months(void **state)
{
	static const char *const abbr[] = {
		"Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.", NULL
	};
	const char *const *a;
	(void)state;
	for (a = abbr; *a; a++) {
		ct_buf text = CT_BUF_INIT, got = CT_BUF_INIT, want = CT_BUF_INIT;
		ct_buf_printf(&text, "The vote is on %s 14 in the hall. It is public.", *a);
		ct_buf_printf(&want, "0 sentence|The vote is on %s 14 in the hall.\n0 sentence|It is public.\n", *a);
		render(text.ptr, text.len, &got);
		assert_string_equal(got.ptr, want.ptr);
		ct_buf_release(&text);
		ct_buf_release(&got);
		ct_buf_release(&want);
	}
	EXPECT("The plant closed in Dec. The workers left.",
	       "0 sentence|The plant closed in Dec.", "0 sentence|The workers left.");
	EXPECT("From Oct. Smith took over.", "0 sentence|From Oct. Smith took over.");
	/* a day with a period before the month's full name, as German and Nordic dates are written */
	EXPECT("Fares rise from 1. March on every line. The union objects.",
	       "0 sentence|Fares rise from 1. March on every line.", "0 sentence|The union objects.");
	EXPECT("The office shuts on 24. December and 31. December.",
	       "0 sentence|The office shuts on 24. December and 31. December.");
	/* past 31, or an abbreviation: the period ends the sentence */
	EXPECT("The tally reached 45. March was calm.",
	       "0 sentence|The tally reached 45.", "0 sentence|March was calm.");
	EXPECT("The bus was late on route 7. Dec was away.",
	       "0 sentence|The bus was late on route 7.", "0 sentence|Dec was away.");
	EXPECT("The club finished No. 1. December's results were worse.",
	       "0 sentence|The club finished No. 1.", "0 sentence|December's results were worse.");
}

static void test_dotted_acronyms(void **state)
{
	static const char *const abbr[] = { "U.S.", "U.K.", "U.N.", "E.U.", "D.C.", NULL };
	static const char *const openers[] = { "The", "A", "It", "He", "She", "They", "But", "In", NULL };
	const char *const *a, *const *o;
	(void)state;
	for (a = abbr; *a; a++) {
		ct_buf text = CT_BUF_INIT, got = CT_BUF_INIT, want = CT_BUF_INIT;
		for (o = openers; *o; o++) {
			ct_buf_clear(&text);
			ct_buf_clear(&got);
			ct_buf_clear(&want);
			ct_buf_printf(&text, "Talks were held in the %s %s talks failed.", *a, *o);
			ct_buf_printf(&want, "0 sentence|Talks were held in the %s\n0 sentence|%s talks failed.\n",
				      *a, *o);
			render(text.ptr, text.len, &got);
			assert_string_equal(got.ptr, want.ptr);
		}
		ct_buf_clear(&text);
		ct_buf_clear(&got);
		ct_buf_clear(&want);
		ct_buf_printf(&text, "The %s Navy and the %s government agreed.", *a, *a);
		ct_buf_printf(&want, "0 sentence|The %s Navy and the %s government agreed.\n", *a, *a);
		render(text.ptr, text.len, &got);
		assert_string_equal(got.ptr, want.ptr);
		ct_buf_release(&text);
		ct_buf_release(&got);
		ct_buf_release(&want);
	}
	EXPECT("It starts at 9 a.m. on Monday and ends at 5 p.m. The doors close then.",
	       "0 sentence|It starts at 9 a.m. on Monday and ends at 5 p.m.",
	       "0 sentence|The doors close then.");
	EXPECT("Some towns, e.g. Riverton, voted. Others did not.",
	       "0 sentence|Some towns, e.g. Riverton, voted.", "0 sentence|Others did not.");
}

static void test_etc(void **state)
{
	(void)state;
	EXPECT("They sold apples, pears, etc. Prices rose.",
	       "0 sentence|They sold apples, pears, etc.", "0 sentence|Prices rose.");
	EXPECT("Apples, pears, etc. were sold. Prices rose.",
	       "0 sentence|Apples, pears, etc. were sold.", "0 sentence|Prices rose.");
}

static void test_clock_times(void **state)
{
	(void)state;
	EXPECT("Crews closed it by hand at 6:15 a.m. Harbour Minister Lena Vos arrived later.",
	       "0 sentence|Crews closed it by hand at 6:15 a.m.",
	       "0 sentence|Harbour Minister Lena Vos arrived later.");
	EXPECT("The surge peaked at 4 a.m. Tuesday and fell by noon.",
	       "0 sentence|The surge peaked at 4 a.m. Tuesday and fell by noon.");
	EXPECT("Polls close at 8 p.m. ET on Sunday. Results follow.",
	       "0 sentence|Polls close at 8 p.m. ET on Sunday.", "0 sentence|Results follow.");
	EXPECT("It ended at 9 p.m. and nobody was hurt.",
	       "0 sentence|It ended at 9 p.m. and nobody was hurt.");
}

static void test_number_abbreviation(void **state)
{
	(void)state;
	EXPECT("The No. 10 bus and No. 4 tram stop here. He said no. The vote failed.",
	       "0 sentence|The No. 10 bus and No. 4 tram stop here.", "0 sentence|He said no.",
	       "0 sentence|The vote failed.");
	EXPECT("The answer was No. Then they left.",
	       "0 sentence|The answer was No.", "0 sentence|Then they left.");
}

static void test_decimals_and_numbers(void **state)
{
	(void)state;
	EXPECT("Prices rose 3.5 per cent to $4.2 million in 2023. Wages rose 0.8 per cent.",
	       "0 sentence|Prices rose 3.5 per cent to $4.2 million in 2023.",
	       "0 sentence|Wages rose 0.8 per cent.");
	EXPECT("The vote ended 52.4 to 47.6. It was close.",
	       "0 sentence|The vote ended 52.4 to 47.6.", "0 sentence|It was close.");
	EXPECT("Turnout fell in 2019. 2020 was worse.",
	       "0 sentence|Turnout fell in 2019.", "0 sentence|2020 was worse.");
}

static void test_initials(void **state)
{
	(void)state;
	EXPECT("J. K. Rowling met John F. Kennedy Jr. in a dream. She woke up.",
	       "0 sentence|J. K. Rowling met John F. Kennedy Jr. in a dream.", "0 sentence|She woke up.");
	EXPECT("Plan B. Smith signed it. A. B. Cole agreed.",
	       "0 sentence|Plan B. Smith signed it.", "0 sentence|A. B. Cole agreed.");
}

static void test_quotes(void **state)
{
	(void)state;
	EXPECT("\xE2\x80\x9CWe will rebuild,\xE2\x80\x9D she said. \xE2\x80\x9CIt will take years.\xE2\x80\x9D Next came the vote.",
	       "0 sentence|\xE2\x80\x9CWe will rebuild,\xE2\x80\x9D she said.",
	       "0 sentence|\xE2\x80\x9CIt will take years.\xE2\x80\x9D",
	       "0 sentence|Next came the vote.");
	EXPECT("\"Is it over?\" she asked. \"Yes!\" he said. 'Fine.' They left.",
	       "0 sentence|\"Is it over?\" she asked.", "0 sentence|\"Yes!\" he said.",
	       "0 sentence|'Fine.'", "0 sentence|They left.");
	EXPECT("He called it \xE2\x80\x9C" "a disaster\xE2\x80\x9D. Others agreed.",
	       "0 sentence|He called it \xE2\x80\x9C" "a disaster\xE2\x80\x9D.", "0 sentence|Others agreed.");
	EXPECT("\xE2\x80\x9CWhy now?\xE2\x80\x9D asked Ms. Lee. \xE2\x80\x98" "Because.\xE2\x80\x99",
	       "0 sentence|\xE2\x80\x9CWhy now?\xE2\x80\x9D asked Ms. Lee.",
	       "0 sentence|\xE2\x80\x98" "Because.\xE2\x80\x99");
}

static void test_brackets(void **state)
{
	(void)state;
	EXPECT("The bridge shut. (It reopened in May.) Traffic returned (slowly). Then rain came.",
	       "0 sentence|The bridge shut.", "0 sentence|(It reopened in May.)",
	       "0 sentence|Traffic returned (slowly).", "0 sentence|Then rain came.");
}

static void test_question_exclamation(void **state)
{
	(void)state;
	EXPECT("Is it safe? Nobody knows! Wait?! Yes.",
	       "0 sentence|Is it safe?", "0 sentence|Nobody knows!", "0 sentence|Wait?!", "0 sentence|Yes.");
	EXPECT("Why? because it rained.", "0 sentence|Why? because it rained.");
}

static void test_ellipsis(void **state)
{
	(void)state;
	EXPECT("He paused... then spoke. It ended... The crowd left.",
	       "0 sentence|He paused... then spoke.", "0 sentence|It ended...", "0 sentence|The crowd left.");
	EXPECT("We will \xE2\x80\xA6 rebuild. It was over\xE2\x80\xA6 Nobody stayed.",
	       "0 sentence|We will \xE2\x80\xA6 rebuild.", "0 sentence|It was over\xE2\x80\xA6",
	       "0 sentence|Nobody stayed.");
}

static void test_no_split_inside_tokens(void **state)
{
	(void)state;
	EXPECT("See example.com/a.b for details. Version 2.0.1 shipped.",
	       "0 sentence|See example.com/a.b for details.", "0 sentence|Version 2.0.1 shipped.");
	EXPECT("No final stop here", "0 heading|No final stop here");
}

/* ---- layout: paragraphs, wrapped lines, headings ------------------------------------------- */

static void test_hardwrap_joins_lines(void **state)
{
	(void)state;
	EXPECT("The council met with Mr.\nSmith and the well-\nknown engineer Dr.\nOsei on Monday, and\n"
	       "they agreed to act. The vote\nwas close.\n",
	       "0 sentence|The council met with Mr. Smith and the well-known engineer Dr. Osei on Monday, and they agreed to act.",
	       "0 sentence|The vote was close.");
}

static void test_hardwrap_paragraphs(void **state)
{
	(void)state;
	/* Blank line, indented line, and a short last line the next word would have fitted on. */
	EXPECT("The first paragraph has a line that is long enough to\nwrap here. It ends.\n"
	       "The second one starts after a short line and it also\nwraps.\n\n"
	       "  The third is indented and it goes on for a little while\nlonger.\n"
	       "    The fourth is indented more and it goes on for a while\ntoo.\n",
	       "0 sentence|The first paragraph has a line that is long enough to wrap here.",
	       "0 sentence|It ends.",
	       "1 sentence|The second one starts after a short line and it also wraps.",
	       "2 sentence|The third is indented and it goes on for a little while longer.",
	       "3 sentence|The fourth is indented more and it goes on for a while too.");
}

static void test_hardwrap_function_word_line_end(void **state)
{
	(void)state;
	/* The second line is short enough for "Dec." to have fitted, but it ends in "on": the
	 * sentence goes on, a paragraph does not end there. */
	EXPECT("The board of the authority will meet in the town hall this week, and it\n"
	       "will vote on an emergency budget of $9 million on\n"
	       "Dec. 10, its spokeswoman, Lina Farrant, said on Tuesday afternoon.\n"
	       "Traders said the closure had cost them most of their December sales.\n",
	       "0 sentence|The board of the authority will meet in the town hall this week, and it will vote on an emergency budget of $9 million on Dec. 10, its spokeswoman, Lina Farrant, said on Tuesday afternoon.",
	       "0 sentence|Traders said the closure had cost them most of their December sales.");
}

static void test_hardwrap_day_after_month_at_line_end(void **state)
{
	(void)state;
	/* "31." opening a line is the day of "Jan." on the line before, not a numbered item; a real
	 * numbered list after a full stop stays one. */
	EXPECT("A spokeswoman for the governor confirmed that he would rule by Jan.\n"
	       "31. Sen. Alma Rooke, who sits for the coast, wants a hearing on the cost\n"
	       "first, and the vote on Resolution No.\n"
	       "14. was put off until the new year by the members of the committee.\n",
	       "0 sentence|A spokeswoman for the governor confirmed that he would rule by Jan. 31.",
	       "0 sentence|Sen. Alma Rooke, who sits for the coast, wants a hearing on the cost first, and the vote on Resolution No. 14. was put off until the new year by the members of the committee.");
	/* a heading of its own, shorter than the lines, before a paragraph opening with a figure: not
	 * joined to it (that it is read as a sentence, not a heading, is older) */
	EXPECT("The council met for five hours on Tuesday and voted for the plan at the end of it.\n"
	       "A long road to the vote in the chamber\n"
	       "2019 was the first year the council tried to buy new buses, but the plan was\n"
	       "dropped after the election, and it came back only this spring with a new price.\n",
	       "0 sentence|The council met for five hours on Tuesday and voted for the plan at the end of it.",
	       "0 sentence|A long road to the vote in the chamber",
	       "1 sentence|2019 was the first year the council tried to buy new buses, but the plan was dropped "
	       "after the election, and it came back only this spring with a new price.");
	/* "Cllr." at a line's end goes on to the name */
	EXPECT("The roof of the sports hall at Fellgate came down under the snow early on\n"
	       "Sunday, and the city closed the school for the rest of the week. At City\n"
	       "Hall on Monday evening the chair of the schools committee, Cllr.\n"
	       "Roisin Marwick, said the city would offer its own buildings to the pupils\n"
	       "until the engineers have checked every school built with the same panels.\n",
	       "0 sentence|The roof of the sports hall at Fellgate came down under the snow early on Sunday, and the city "
	       "closed the school for the rest of the week.",
	       "0 sentence|At City Hall on Monday evening the chair of the schools committee, Cllr. Roisin Marwick, said "
	       "the city would offer its own buildings to the pupils until the engineers have checked every school "
	       "built with the same panels.");
	/* a long line ending in a word, a figure opening the next: the sentence goes on */
	EXPECT("The board of the pension fund said on Monday that pensions already being\n"
	       "paid to members of the fund are protected by the terms of Article\n"
	       "9 of the state constitution, which says that benefits cannot be cut at all.\n"
	       "Members of the fund who retired before\n"
	       "2012 receive a fixed raise, while those who retired later get a raise.\n",
	       "0 sentence|The board of the pension fund said on Monday that pensions already being paid to members of "
	       "the fund are protected by the terms of Article 9 of the state constitution, which says that benefits "
	       "cannot be cut at all.",
	       "0 sentence|Members of the fund who retired before 2012 receive a fixed raise, while those who retired "
	       "later get a raise.");
	EXPECT("The council listed its reasons for the decision in a short statement.\n"
	       "1. The costs had doubled since the plan was first put to the members.\n"
	       "2. The site floods every winter and the insurers will not cover it.\n",
	       "0 sentence|The council listed its reasons for the decision in a short statement.",
	       "1 sentence|1. The costs had doubled since the plan was first put to the members.",
	       "2 sentence|2. The site floods every winter and the insurers will not cover it.");
}

static void test_hardwrap_heading_after_full_line(void **state)
{
	(void)state;
	/* The line before the heading is full, so only the heading rule separates them. */
	EXPECT("The council will vote on the plan next week, a spokesman for the city\n"
	       "said, and the mayor is expected to back it over the objections of all.\n"
	       "What Comes Next\n"
	       "Work on the bridge would begin in the spring if the plan is approved by\n"
	       "the council.\n",
	       "0 sentence|The council will vote on the plan next week, a spokesman for the city said, and the mayor is expected to back it over the objections of all.",
	       "1 heading|What Comes Next",
	       "2 sentence|Work on the bridge would begin in the spring if the plan is approved by the council.");
}

static void test_hardwrap_title_case_fragment_not_heading(void **state)
{
	(void)state;
	/* "Smith Of The Riverton Bridge Authority" looks like a heading but the line before did not
	 * end a sentence: it is the end of a paragraph that lacks its final stop. */
	EXPECT("The inspection report on the old bridge was signed last year by Dr. Jane\n"
	       "Smith Of The Riverton Bridge Authority\n"
	       "The council has not yet read the report, a spokesman for the city said\n"
	       "on Monday.\n",
	       "0 sentence|The inspection report on the old bridge was signed last year by Dr. Jane Smith Of The Riverton Bridge Authority",
	       "1 sentence|The council has not yet read the report, a spokesman for the city said on Monday.");
	/* A short text whose only sign of wrapping is a line ending in "the". */
	EXPECT("Officials said the\nBridge Authority would pay.\n",
	       "0 sentence|Officials said the Bridge Authority would pay.");
}

static void test_perline_headings(void **state)
{
	(void)state;
	EXPECT("City Budget Passes\nThe council passed the budget on Friday.\nWHAT COMES NEXT\n"
	       "The mayor signs it next week.\nWhere the Money Goes\nMost of it goes to schools.\n",
	       "0 heading|City Budget Passes", "1 sentence|The council passed the budget on Friday.",
	       "2 heading|WHAT COMES NEXT", "3 sentence|The mayor signs it next week.",
	       "4 heading|Where the Money Goes", "5 sentence|Most of it goes to schools.");
	/* An unpunctuated line in sentence case in the body stays a sentence. */
	EXPECT("The council met.\nfive members were absent from the meeting on Monday\n",
	       "0 sentence|The council met.",
	       "1 sentence|five members were absent from the meeting on Monday");
	/* A short one in sentence case is a section heading; five words, a figure, a comma or a
	 * quote mark keep it a sentence. */
	EXPECT("The council met.\nWhat went wrong\nThe pump failed at night.\nThe mayor resigned on Monday\n"
	       "Officials counted 12 boats\nSo, what now\n",
	       "0 sentence|The council met.", "1 heading|What went wrong", "2 sentence|The pump failed at night.",
	       "3 sentence|The mayor resigned on Monday", "4 sentence|Officials counted 12 boats",
	       "5 sentence|So, what now");
}

/* Hard-wrapped text: a short line of its own between a line a sentence ended and the next
 * sentence is a section heading (it was read as a sentence); a line of six words there is a
 * sentence that lost its full stop. */
static void test_hardwrap_headings(void **state)
{
	(void)state;
	EXPECT("Ferry capsizes off the coast\n\nThe ferry sank on Tuesday near the harbour, and the coast guard said\n"
	       "that two people were missing after the storm passed over the bay.\nEarlier warnings\n"
	       "The ship was built in 1998 for a local operator and was bought by\nthe company in 2011, "
	       "according to the register.\n",
	       "0 heading|Ferry capsizes off the coast",
	       "1 sentence|The ferry sank on Tuesday near the harbour, and the coast guard said that two people "
	       "were missing after the storm passed over the bay.",
	       "1 heading|Earlier warnings",
	       "2 sentence|The ship was built in 1998 for a local operator and was bought by the company in 2011, "
	       "according to the register.");
	EXPECT("Ferry capsizes off the coast\n\nThe ferry sank on Tuesday near the harbour, and the coast guard said\n"
	       "that two people were missing after the storm passed over the bay.\nRescuers searched the bay all night\n"
	       "The ship was built in 1998 for a local operator and was bought by\nthe company in 2011, "
	       "according to the register.\n",
	       "0 heading|Ferry capsizes off the coast",
	       "1 sentence|The ferry sank on Tuesday near the harbour, and the coast guard said that two people "
	       "were missing after the storm passed over the bay.",
	       "1 sentence|Rescuers searched the bay all night",
	       "2 sentence|The ship was built in 1998 for a local operator and was bought by the company in 2011, "
	       "according to the register.");
}

/* A newsletter box between paragraphs: its title, a one-sentence blurb and the sign-up lines are
 * furniture; the article's last sentence before such a box is not (it follows a sentence). */
static void test_newsletter_box(void **state)
{
	(void)state;
	EXPECT("The ferry resumed service on Monday after a week of repairs.\nThe Coast Daily\n"
	       "Harbour, fishing and weather news from the coast, every morning.\nEnter your email address\n"
	       "Sign up\nThe operator said the repairs cost about 40,000 euros.\n",
	       "0 sentence|The ferry resumed service on Monday after a week of repairs.",
	       "1 heading|The Coast Daily",
	       "2 furniture|Harbour, fishing and weather news from the coast, every morning.",
	       "3 furniture|Enter your email address",
	       "4 furniture|Sign up",
	       "5 sentence|The operator said the repairs cost about 40,000 euros.");
	EXPECT("The ferry resumed service on Monday after a week of repairs.\n"
	       "The operator said the repairs cost about 40,000 euros.\nSubscribe\n",
	       "0 sentence|The ferry resumed service on Monday after a week of repairs.",
	       "1 sentence|The operator said the repairs cost about 40,000 euros.",
	       "2 furniture|Subscribe");
}

/* A section heading of up to seven words that opens with a question word; a translation credit. */
static void test_wh_heading_and_translation_credit(void **state)
{
	(void)state;
	EXPECT("Dam Levels Fall\nThe reservoir fell to 31 percent on Monday, the water board said.\n"
	       "How the drought spread across the valley\nFarmers in the north were the first to report dry wells.\n"
	       "What happens when the wells are gone remains unclear to everyone\n"
	       "(Translated from the Norwegian by Aud Rimstad)\n",
	       "0 heading|Dam Levels Fall",
	       "1 sentence|The reservoir fell to 31 percent on Monday, the water board said.",
	       "2 heading|How the drought spread across the valley",
	       "3 sentence|Farmers in the north were the first to report dry wells.",
	       "4 sentence|What happens when the wells are gone remains unclear to everyone",
	       "5 byline|(Translated from the Norwegian by Aud Rimstad)");
}

/* A pull quote repeats words quoted before, in a paragraph of their own: furniture. A quoted
 * paragraph the article did not give before is a sentence. */
static void test_pull_quote(void **state)
{
	(void)state;
	EXPECT("\u201cWe will not reopen the mine until the river is safe,\u201d said Mayor Ilse Varn.\n"
	       "The council met on Monday.\n"
	       "\u201cWe will not reopen the mine until the river is safe.\u201d\n"
	       "\u201cThe river has never been this low in forty years,\u201d a fisherman said.\n",
	       "0 sentence|\u201cWe will not reopen the mine until the river is safe,\u201d said Mayor Ilse Varn.",
	       "1 sentence|The council met on Monday.",
	       "2 furniture|\u201cWe will not reopen the mine until the river is safe.\u201d",
	       "3 sentence|\u201cThe river has never been this low in forty years,\u201d a fisherman said.");
	EXPECT("The council met on Monday.\n\"Nobody here has ever seen the river this low in summer.\"\n",
	       "0 sentence|The council met on Monday.",
	       "1 sentence|\"Nobody here has ever seen the river this low in summer.\"");
}

static void test_bullets(void **state)
{
	(void)state;
	EXPECT("Key points:\n- The bridge closes on Monday.\n- Detours will add 20 minutes.\n"
	       "- 40 homes were evacuated\n",
	       "0 heading|Key points:", "1 sentence|- The bridge closes on Monday.",
	       "2 sentence|- Detours will add 20 minutes.", "3 sentence|- 40 homes were evacuated");
	EXPECT("The city said.\n1. The bridge closes on Monday. It reopens in May.\n",
	       "0 sentence|The city said.", "1 sentence|1. The bridge closes on Monday.",
	       "1 sentence|It reopens in May.");
}

/* ---- bylines, furniture, teasers ------------------------------------------------------------ */

static void test_bylines(void **state)
{
	(void)state;
	EXPECT("Storm Hits Coast\nBy Ana Ruiz and Tom Kell\nBy ANA RUIZ | Staff Reporter\n"
	       "Jane Doe, Staff Writer\nUpdated 5:31 PM ET, Mon March 4, 2024\nLISBON (Wire) \xE2\x80\x94\n"
	       "The storm hit on Monday.\nReporting by Ana Ruiz; Editing by Tom Kell\n",
	       "0 heading|Storm Hits Coast", "1 byline|By Ana Ruiz and Tom Kell",
	       "2 byline|By ANA RUIZ | Staff Reporter", "3 byline|Jane Doe, Staff Writer",
	       "4 byline|Updated 5:31 PM ET, Mon March 4, 2024", "5 byline|LISBON (Wire) \xE2\x80\x94",
	       "6 sentence|The storm hit on Monday.", "7 byline|Reporting by Ana Ruiz; Editing by Tom Kell");
	/* "By" starting a sentence or a heading is not a byline. */
	EXPECT("By Tuesday, the council had voted.\nBy the Numbers\n",
	       "0 sentence|By Tuesday, the council had voted.", "1 heading|By the Numbers");
}

static void test_dateline_kept_in_sentence(void **state)
{
	(void)state;
	EXPECT("LISBON (Wire) \xE2\x80\x94 The council voted on Tuesday. It was 5-2.",
	       "0 sentence|LISBON (Wire) \xE2\x80\x94 The council voted on Tuesday.", "0 sentence|It was 5-2.");
}

static void test_bio(void **state)
{
	(void)state;
	EXPECT("The council met.\nAna Ruiz is a reporter who covers city hall. Follow her on X.\n",
	       "0 sentence|The council met.",
	       "1 byline|Ana Ruiz is a reporter who covers city hall.", "1 byline|Follow her on X.");
	EXPECT("The council met.\nTom Kell covers transport for the Herald.\n",
	       "0 sentence|The council met.", "1 byline|Tom Kell covers transport for the Herald.");
	/* Not a bio: no writing role. */
	EXPECT("The council met.\nAna Ruiz is a nurse who lives by the bridge.\n",
	       "0 sentence|The council met.", "1 sentence|Ana Ruiz is a nurse who lives by the bridge.");
}

static void test_furniture(void **state)
{
	(void)state;
	EXPECT("The council met.\n0 Comments\n12 comments\nShare this article\nAdvertisement\n"
	       "Read more:\nSign up for our daily newsletter.\nCopyright 2024 The Herald\n"
	       "Photo: Tom Kell/The Herald\nRelated:\n",
	       "0 sentence|The council met.", "1 furniture|0 Comments", "2 furniture|12 comments",
	       "3 furniture|Share this article", "4 furniture|Advertisement", "5 furniture|Read more:",
	       "6 furniture|Sign up for our daily newsletter.", "7 furniture|Copyright 2024 The Herald",
	       "8 furniture|Photo: Tom Kell/The Herald", "9 furniture|Related:");
	EXPECT("The council met. The post Council Meets appeared first on Riverton Daily.\n",
	       "0 sentence|The council met.",
	       "0 furniture|The post Council Meets appeared first on Riverton Daily.");
	/* Sentences that only start like furniture. */
	EXPECT("The council met.\nRelated research shows the bridge is safe.\nPhotos of the cracks were shown.\n",
	       "0 sentence|The council met.", "1 sentence|Related research shows the bridge is safe.",
	       "2 sentence|Photos of the cracks were shown.");
}

static void test_teasers(void **state)
{
	(void)state;
	EXPECT("The council met.\nMORE FROM THE HERALD: FLOODS CLOSE ROADS\nFLOODS CLOSE ROADS IN THE NORTH\n"
	       "Read more:\nPool Reopens After Refit\nFerry Times Change\nThe vote was 5-2.\nSchools Reopen\n",
	       "0 sentence|The council met.", "1 teaser|MORE FROM THE HERALD: FLOODS CLOSE ROADS",
	       "2 teaser|FLOODS CLOSE ROADS IN THE NORTH", "3 furniture|Read more:",
	       "4 teaser|Pool Reopens After Refit", "5 teaser|Ferry Times Change",
	       "6 sentence|The vote was 5-2.", "7 heading|Schools Reopen");
}

/* Captions with their photo credit, machine-translation notes, an outlet's line of section and
 * date, a date stamp in a hard-wrapped byline block, a newsletter box; and the look-alikes that
 * stay sentences (a figure or a lower-case pair in brackets, a stamp word in a sentence). */
static void test_credits_and_stamps(void **state)
{
	(void)state;
	/* a date and a clock time on a line of their own; a caption's credit wrapped after the
	 * photographer's first name; a translated byline "From Name"; a newsletter box's label */
	EXPECT("Lecturers threaten strike\nBy Ana Ruiz, Education Correspondent\nDec. 1, 2026, 6:40 a.m.\n"
	       "Lecturers at a union meeting in Fenmoor on Monday. Photo: Priya\nSandoval/Calloway Wire\n"
	       "BRACKWATER, Dec. 1 (Calloway Wire) \xE2\x80\x94 Lecturers will vote on a strike in January,\n"
	       "their union said on Monday.\n",
	       "0 heading|Lecturers threaten strike", "1 byline|By Ana Ruiz, Education Correspondent",
	       "2 byline|Dec. 1, 2026, 6:40 a.m.",
	       "3 furniture|Lecturers at a union meeting in Fenmoor on Monday. Photo: Priya Sandoval/Calloway Wire",
	       "4 sentence|BRACKWATER, Dec. 1 (Calloway Wire) \xE2\x80\x94 Lecturers will vote on a strike in January, "
	       "their union said on Monday.");
	EXPECT("Trustees raise fees\nKroneborg Tagespost | Education | Wednesday 02.12.2026\nFrom Helena Marchetti\n"
	       "The trustees have on Thursday decided to raise the fees.\nNEWSLETTER\nFrom Berlin To Rome\n",
	       "0 heading|Trustees raise fees", "1 byline|Kroneborg Tagespost | Education | Wednesday 02.12.2026",
	       "2 byline|From Helena Marchetti", "3 sentence|The trustees have on Thursday decided to raise the fees.",
	       "4 furniture|NEWSLETTER", "5 heading|From Berlin To Rome");
	/* above the body, a caption alone on its line and its credit on the next are one piece of
	 * furniture (hard-wrapped or not); a date line with its " | " separators ending in "a.m." is
	 * no sentence; further down, a credit alone leaves the paragraph before it a sentence */
	EXPECT("Harbour board backs the new quay\nThe Saltley Courier | Thursday, December 3, 2026 | 5:15 a.m.\n"
	       "A dredger works off the north pier in August.\nPhoto: Esme Lauder/Brinewire\n"
	       "PORT ALDWICK, Dec. 2 (Brinewire) \xE2\x80\x94 The harbour board voted on Wednesday to build\n"
	       "a new quay for the ferries, its chairman said after the meeting in the town.\n"
	       "The quay will cost $40 million and take two years to build, the board said.\n"
	       "Photo: Tam Ferrier/Brinewire\n",
	       "0 heading|Harbour board backs the new quay",
	       "1 furniture|The Saltley Courier | Thursday, December 3, 2026 | 5:15 a.m.",
	       "2 furniture|A dredger works off the north pier in August. Photo: Esme Lauder/Brinewire",
	       "3 sentence|PORT ALDWICK, Dec. 2 (Brinewire) \xE2\x80\x94 The harbour board voted on Wednesday to build "
	       "a new quay for the ferries, its chairman said after the meeting in the town.",
	       "4 sentence|The quay will cost $40 million and take two years to build, the board said.",
	       "5 furniture|Photo: Tam Ferrier/Brinewire");
	EXPECT("Harbour board backs the new quay\nBy Nell Ashgrove, Port Reporter | Dec. 2, 2026, 6:40 a.m.\n"
	       "Photo: Tam Ferrier/Brinewire\nThe harbour board voted on Wednesday to build a quay.\n",
	       "0 heading|Harbour board backs the new quay",
	       "1 byline|By Nell Ashgrove, Port Reporter | Dec. 2, 2026, 6:40 a.m.",
	       "2 furniture|Photo: Tam Ferrier/Brinewire",
	       "3 sentence|The harbour board voted on Wednesday to build a quay.");
	/* a translation's note and its credit or caveat are one piece; a byline with its outlet in
	 * brackets and the translator's credit too; "Translated" after a sentence of the body still
	 * opens a sentence */
	EXPECT("Ferry fares rise\nBy Ona Petrak (Harbour Post). Translated from the English by Lexiko.\n"
	       "The fares rose by a third on Monday. Translated into euros, that is 40 more.\n"
	       "This article was machine-translated. Translated from the English of The Post by Verbamat.\n"
	       "This article was translated by machine. Errors are possible.\n",
	       "0 heading|Ferry fares rise",
	       "1 byline|By Ona Petrak (Harbour Post). Translated from the English by Lexiko.",
	       "2 sentence|The fares rose by a third on Monday.", "2 sentence|Translated into euros, that is 40 more.",
	       "3 furniture|This article was machine-translated. Translated from the English of The Post by Verbamat.",
	       "4 furniture|This article was translated by machine. Errors are possible.");
	/* a heading of a noun and a preposition's phrase, no verb; not a sentence that lost its stop */
	EXPECT("Rent cap passes\nThe council voted on Thursday.\nA vote after a long fight\nThe debate took four hours.\n"
	       "The council voted after a long fight\n",
	       "0 heading|Rent cap passes", "1 sentence|The council voted on Thursday.",
	       "2 heading|A vote after a long fight", "3 sentence|The debate took four hours.",
	       "4 sentence|The council voted after a long fight");
	/* a hard-wrapped line ending in "said" goes on; a headline ending in "says" does not */
	EXPECT("Heater maker knew of melted switches, regulator says\nBy Tobias Wenlock, Staff Writer\n"
	       "The growers' union, which represents nearly 2,300 farms across the state of Ardell, said\n"
	       "Grisby already buys about half of the state's fresh vegetables and most of its fruit, and\n"
	       "that the takeover would leave farmers with one buyer in eleven of the state's counties.\n"
	       "Prices rose 4 percent in the year to October, the statistics office said on Tuesday.\n",
	       "0 heading|Heater maker knew of melted switches, regulator says",
	       "1 byline|By Tobias Wenlock, Staff Writer",
	       "2 sentence|The growers' union, which represents nearly 2,300 farms across the state of Ardell, said "
	       "Grisby already buys about half of the state's fresh vegetables and most of its fruit, and that the "
	       "takeover would leave farmers with one buyer in eleven of the state's counties.",
	       "2 sentence|Prices rose 4 percent in the year to October, the statistics office said on Tuesday.");
	/* a link with its headline starts no list of links: the heading after it is one; a
	 * newsletter box's title is furniture */
	EXPECT("Fees rise\nThe fee rose by 40 dollars on Monday.\nREAD MORE: Students occupy the hall over fee rise\n"
	       "Where the money went\nAn audit showed that the university spent $14.2 million.\n"
	       "Get the Courier Morning Briefing\n",
	       "0 heading|Fees rise", "1 sentence|The fee rose by 40 dollars on Monday.",
	       "2 teaser|READ MORE: Students occupy the hall over fee rise", "3 heading|Where the money went",
	       "4 sentence|An audit showed that the university spent $14.2 million.",
	       "5 furniture|Get the Courier Morning Briefing");
	/* a byline with its outlet in brackets and a full stop (and the translator's credit after it,
	 * one piece); a link with another story's headline
	 * is a teaser, the link word alone furniture */
	EXPECT("Albion faces inquiry\nBy Harriet Quayle (Dunmere Post). Translated from the English by Lexiko.\n"
	       "The league opened an inquiry on Monday.\nRelated: Albion's new stadium: what we know so far\n"
	       "Related:\nBy Monday (the deadline) 40 fans had left.\n",
	       "0 heading|Albion faces inquiry", "1 byline|By Harriet Quayle (Dunmere Post). Translated from the English by Lexiko.",
	       "2 sentence|The league opened an inquiry on Monday.",
	       "3 teaser|Related: Albion's new stadium: what we know so far", "4 furniture|Related:",
	       "5 sentence|By Monday (the deadline) 40 fans had left.");
	EXPECT("Ferry fares rise\nThe council met on Monday and 40 people came.\nPhoto: The closed pier seen "
	       "from the beach on Tuesday. (Ostrey Courier / Tomas Ravell)\nDivers at the pier on Monday. (AP "
	       "Photo/Evan Vucci)\nRevenue rose 5 percent in the year (2019/20)\n",
	       "0 heading|Ferry fares rise", "1 sentence|The council met on Monday and 40 people came.",
	       "2 furniture|Photo: The closed pier seen from the beach on Tuesday. (Ostrey Courier / Tomas Ravell)",
	       "3 furniture|Divers at the pier on Monday. (AP Photo/Evan Vucci)",
	       "4 sentence|Revenue rose 5 percent in the year (2019/20)");
	EXPECT("Ferry fares rise\nThe pier will close on Friday, officials said. (Reporting by Ana Ruiz/Editing by "
	       "Tom Lee)\nThis translated into a 12 percent rise in fares.\nWith material from the old bridge, the "
	       "council built a pier.\n",
	       "0 heading|Ferry fares rise", "1 sentence|The pier will close on Friday, officials said.",
	       "1 byline|(Reporting by Ana Ruiz/Editing by Tom Lee)",
	       "2 sentence|This translated into a 12 percent rise in fares.",
	       "3 sentence|With material from the old bridge, the council built a pier.");
	EXPECT("Ferry fares rise\nThe vote was close. (Yes/no votes were counted twice.)\n",
	       "0 heading|Ferry fares rise", "1 sentence|The vote was close.",
	       "1 sentence|(Yes/no votes were counted twice.)");
	EXPECT("Ferry fares rise\nNordvik Dagblad | Abroad | Friday 20.11.2026 | Translated automatically from "
	       "the Herald\nThe council met on Monday.\nThis article was translated by machine. Errors are "
	       "possible.\nThis text was machine-translated from the Herald.\n",
	       "0 heading|Ferry fares rise",
	       "1 furniture|Nordvik Dagblad | Abroad | Friday 20.11.2026 | Translated automatically from the Herald",
	       "2 sentence|The council met on Monday.",
	       "3 furniture|This article was translated by machine. Errors are possible.", "4 furniture|This text was machine-translated from the Herald.");
	EXPECT("Heaters recalled after fires\nBy Ana Ruiz\nNov. 19, 2026, updated 7:40 a.m. Fire officials "
	       "said on Tuesday that 14 heaters\nhad melted. The report was published on Nov. 19. It was posted "
	       "at 7 a.m. on\nthe site.\n",
	       "0 heading|Heaters recalled after fires", "1 byline|By Ana Ruiz",
	       "2 byline|Nov. 19, 2026, updated 7:40 a.m.",
	       "2 sentence|Fire officials said on Tuesday that 14 heaters had melted.",
	       "2 sentence|The report was published on Nov. 19.", "2 sentence|It was posted at 7 a.m. on the site.");
	/* a credit after the caption with no brackets, which ends its hard-wrapped paragraph; an
	 * editorial office's credit line */
	EXPECT("Plant shut over dioxin\nBy Ana Ruiz\nThe stacks in Calvenby. Photo: Ines Barlow/Westmarch Wire\n"
	       "CALVENBY, Nov. 26 (Wire) \xE2\x80\x94 Trucks loaded with household waste were turned away from the\n"
	       "incinerator on Thursday.\nFrom our editorial office, with material of agencies\n",
	       "0 heading|Plant shut over dioxin", "1 byline|By Ana Ruiz",
	       "2 furniture|The stacks in Calvenby. Photo: Ines Barlow/Westmarch Wire",
	       "3 sentence|CALVENBY, Nov. 26 (Wire) \xE2\x80\x94 Trucks loaded with household waste were turned away "
	       "from the incinerator on Thursday.",
	       "4 byline|From our editorial office, with material of agencies");
	EXPECT("The council met.\n\nOur top stories in your inbox every weekday at 7 a.m.\n\nOur reporters "
	       "counted 40 boats.\n",
	       "0 sentence|The council met.", "1 furniture|Our top stories in your inbox every weekday at 7 a.m.",
	       "2 sentence|Our reporters counted 40 boats.");
}

/* The end of a page: comment policies, calls to comment, promotions, translation credits and
 * link lists whose headlines are questions, each whole paragraph of them; and what must stay a
 * sentence next to them. */
static void test_page_end(void **state)
{
	(void)state;
	EXPECT("The museum stays shut.\n\n2 Comments\n\nComments are moderated by the team. Please keep it "
	       "civil.\n\nSubscribe to the Sentinel from 2.40 a week. Serving the valley since 1911.\n",
	       "0 sentence|The museum stays shut.", "1 furniture|2 Comments",
	       "2 furniture|Comments are moderated by the team.", "2 furniture|Please keep it civil.",
	       "3 furniture|Subscribe to the Sentinel from 2.40 a week.",
	       "3 furniture|Serving the valley since 1911.");
	EXPECT("Police said 120 officers were on the case.\n\nHAVE YOUR SAY: Should museums lock paintings "
	       "away? Tell us in the comments!\n\nGet ViralDesk alerts on your phone.\n\nRecommended for you: "
	       "9 paintings never found\n",
	       "0 sentence|Police said 120 officers were on the case.",
	       "1 furniture|HAVE YOUR SAY: Should museums lock paintings away?",
	       "1 furniture|Tell us in the comments!", "2 furniture|Get ViralDesk alerts on your phone.",
	       "3 teaser|Recommended for you: 9 paintings never found");
	EXPECT("The committee meets on Thursday.\n\nTranslated from the Taverian by the desk. The original "
	       "appeared in the Sentinel on 20 October.\n\nThis report was put together from agency copy. "
	       "Spotted a mistake? Email fixes@example.org and we will look.\n",
	       "0 sentence|The committee meets on Thursday.",
	       "1 furniture|Translated from the Taverian by the desk.",
	       "1 furniture|The original appeared in the Sentinel on 20 October.",
	       "2 sentence|This report was put together from agency copy.", "2 furniture|Spotted a mistake?",
	       "2 furniture|Email fixes@example.org and we will look.");
	EXPECT("Eight people died.\n\n(Reporting by Ana Ruiz; editing by Tom Lee)\n\nMORE ON THIS STORY\n\n"
	       "Who was Aldric Venhaus? The painter of merchants\n\nArt thefts: a timeline\n",
	       "0 sentence|Eight people died.", "1 byline|(Reporting by Ana Ruiz; editing by Tom Lee)",
	       "2 furniture|MORE ON THIS STORY", "3 teaser|Who was Aldric Venhaus? The painter of merchants",
	       "4 teaser|Art thefts: a timeline");
	/* promotions inside a paragraph of other sentences, and a translation's notes */
	EXPECT("Rain is due on Thursday.\n\nLike this story? Get TodayBrief's daily digest, free, every "
	       "morning.\n\nDon't miss a thing! Join 80,000 readers who get ClickFlash first.\n\n"
	       "Translation: Avis English desk. The original article in Veskarian is authoritative.\n",
	       "0 sentence|Rain is due on Thursday.", "1 sentence|Like this story?",
	       "1 furniture|Get TodayBrief's daily digest, free, every morning.", "2 sentence|Don't miss a thing!",
	       "2 furniture|Join 80,000 readers who get ClickFlash first.",
	       "3 furniture|Translation: Avis English desk.",
	       "3 furniture|The original article in Veskarian is authoritative.");
	/* still sentences: a list followed by a paragraph that ends in a stop; a quote that opens
	 * with "Get"; "Get" in a paragraph of several sentences; an imperative with nothing an
	 * outlet sells */
	EXPECT("Related stories\nFloods Close Roads\nWho pays? The council will, the mayor said.\n"
	       "\u201cGet out,\u201d he told them.\nGet the facts first. Then decide, she said.\n",
	       "0 furniture|Related stories", "1 teaser|Floods Close Roads", "2 sentence|Who pays?",
	       "2 sentence|The council will, the mayor said.", "3 sentence|\u201cGet out,\u201d he told them.",
	       "4 sentence|Get the facts first.", "4 sentence|Then decide, she said.");
	EXPECT("Read the statement in full on the council's website, the mayor said.\n",
	       "0 sentence|Read the statement in full on the council's website, the mayor said.");
}

/* ---- API ----------------------------------------------------------------------------------- */

static void test_callback_stops(void **state)
{
	const char *text = "One. Two. Three. Four.";
	collect c;
	(void)state;
	memset(&c, 0, sizeof(c));
	c.text = text;
	c.stop_at = 2;
	assert_int_equal(ct_segment_text(text, strlen(text), collect_cb, &c), 7);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.seg[1].start, 5);
	assert_int_equal(c.seg[1].end, 9);
	assert_int_equal(c.seg[1].index, 1);
}

static void test_bad_arguments_and_empty(void **state)
{
	collect c;
	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(ct_segment_text("x", 1, NULL, NULL), CT_EINPUT);
	assert_int_equal(ct_segment_text(NULL, 3, collect_cb, &c), CT_EINPUT);
	assert_int_equal(ct_segment_text(NULL, 0, collect_cb, &c), 0);
	assert_int_equal(ct_segment_text(" \n\n \t\n", 6, collect_cb, &c), 0);
	assert_int_equal(c.n, 0);
}

static void test_length_bounds_text(void **state)
{
	const char *text = "First one. Second one. Third.";
	collect c;
	(void)state;
	memset(&c, 0, sizeof(c));
	c.text = text;
	/* Only the first 21 bytes: "Second one" loses its period but is still a segment. */
	assert_int_equal(ct_segment_text(text, 21, collect_cb, &c), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.seg[0].end, 10);
	assert_int_equal(c.seg[1].start, 11);
	assert_int_equal(c.seg[1].end, 21);
}

static void test_flatten(void **state)
{
	ct_buf out = CT_BUF_INIT;
	const char *t = "  The  well-\nknown\tbridge -\nwhich was\n\n  OLD-\nSchool\xC2\xA0" "design\n ";
	(void)state;
	ct_segment_flatten(&out, t, 0, strlen(t));
	assert_string_equal(out.ptr, "The well-known bridge - which was OLD- School design");
	ct_buf_clear(&out);
	/* A sub-range; a hyphen followed by a space (not a newline) keeps the space. */
	ct_segment_flatten(&out, "ab well- known cd", 3, 14);
	assert_string_equal(out.ptr, "well- known");
	ct_buf_clear(&out);
	ct_segment_flatten(&out, "x", 0, 0);
	assert_string_equal(out.ptr, "");
	ct_buf_release(&out);
}

static void test_kind_names(void **state)
{
	(void)state;
	assert_string_equal(ct_seg_kind_name(CT_SEG_SENTENCE), "sentence");
	assert_string_equal(ct_seg_kind_name(CT_SEG_HEADING), "heading");
	assert_string_equal(ct_seg_kind_name(CT_SEG_BYLINE), "byline");
	assert_string_equal(ct_seg_kind_name(CT_SEG_FURNITURE), "furniture");
	assert_string_equal(ct_seg_kind_name(CT_SEG_TEASER), "teaser");
	assert_string_equal(ct_seg_kind_name((ct_seg_kind)42), "unknown");
}

/* Random bytes (cleaned or not) never crash and always give well-formed segments. */
static void test_random_input(void **state)
{
	static const char alphabet[] = "aB .?!\n\n\"')(-:,U.S.Mr\xE2\x80\x9D\xE2\x80\xA6\xC2\xA0\t 1";
	uint32_t seed = 12345;
	int round;
	(void)state;
	for (round = 0; round < 300; round++) {
		char raw[600];
		size_t len = (size_t)(seed % sizeof(raw)), i;
		collect c;
		for (i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			raw[i] = (round & 1) ? (char)(seed >> 16)
					     : alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		memset(&c, 0, sizeof(c));
		c.text = raw;
		c.stop_at = MAX_SEGS;
		assert_true(ct_segment_text(raw, len, collect_cb, &c) >= 0);
		check_invariants(&c, len);
		seed = seed * 1103515245u + 12345u;
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_hardwrap72),
		cmocka_unit_test(test_fixture_hardwrap72_offsets),
		cmocka_unit_test(test_fixture_perline),
		cmocka_unit_test(test_fixture_furniture),
		cmocka_unit_test(test_fixture_hardwrap_blank),
		cmocka_unit_test(test_kicker_title_byline),
		cmocka_unit_test(test_title_abbreviations),
		cmocka_unit_test(test_suffix_abbreviations),
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_dotted_acronyms),
		cmocka_unit_test(test_etc),
		cmocka_unit_test(test_clock_times),
		cmocka_unit_test(test_number_abbreviation),
		cmocka_unit_test(test_decimals_and_numbers),
		cmocka_unit_test(test_initials),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_brackets),
		cmocka_unit_test(test_question_exclamation),
		cmocka_unit_test(test_ellipsis),
		cmocka_unit_test(test_no_split_inside_tokens),
		cmocka_unit_test(test_hardwrap_joins_lines),
		cmocka_unit_test(test_hardwrap_paragraphs),
		cmocka_unit_test(test_hardwrap_function_word_line_end),
		cmocka_unit_test(test_hardwrap_day_after_month_at_line_end),
		cmocka_unit_test(test_hardwrap_heading_after_full_line),
		cmocka_unit_test(test_hardwrap_title_case_fragment_not_heading),
		cmocka_unit_test(test_perline_headings),
		cmocka_unit_test(test_hardwrap_headings),
		cmocka_unit_test(test_newsletter_box),
		cmocka_unit_test(test_pull_quote),
		cmocka_unit_test(test_wh_heading_and_translation_credit),
		cmocka_unit_test(test_bullets),
		cmocka_unit_test(test_bylines),
		cmocka_unit_test(test_dateline_kept_in_sentence),
		cmocka_unit_test(test_bio),
		cmocka_unit_test(test_furniture),
		cmocka_unit_test(test_teasers),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_bad_arguments_and_empty),
		cmocka_unit_test(test_length_bounds_text),
		cmocka_unit_test(test_flatten),
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_page_end),
		cmocka_unit_test(test_credits_and_stamps),
		cmocka_unit_test(test_random_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
