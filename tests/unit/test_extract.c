/* The claim extractor on a labelled corpus of our own (tests/fixtures/extract/, an invented rail
 * strike told by three outlets): segment kinds, claims, types, speakers, numbers, dates, entities. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/extract.h"
#include "text/utf8.h"
#include "util/buf.h"

#define PUBLISHED "2025-10-15" /* a Wednesday */
#define MAXROWS 48
#define MAXITEMS 8

enum fixture { COURIER, WIRE, VALLEY, NFIXTURES };

static const char *const fixture_files[NFIXTURES] = {
	"courier-hardwrap.txt", /* hard-wrapped at 72 columns, no blank lines, curly quotes */
	"wire-perline.txt",     /* one paragraph per line, straight quotes, dateline */
	"valley-crlf.txt",      /* CRLF, blank lines, a quote running over two paragraphs */
};

struct ent_row {
	enum ct_entity_kind kind;
	char text[96], title[64], name[64];
};

/* One segment as the callback saw it, copied out (the draft's pointers die with the callback). */
struct row {
	ct_seg_kind kind;
	unsigned paragraph;
	int is_claim;
	char type[16];
	char text[400];
	int has_speaker;
	char speaker[96];
	int has_quote;
	char quote[200];
	size_t nnumbers, ndates, nents;
	struct ct_number numbers[MAXITEMS];
	char number_text[MAXITEMS][64];
	struct ct_date dates[MAXITEMS];
	char date_text[MAXITEMS][64];
	struct ent_row ents[MAXITEMS];
};

struct doc {
	struct row rows[MAXROWS];
	size_t n;
};

static struct doc *docs[NFIXTURES];

static void copy_span(char *dst, size_t cap, const char *s, size_t a, size_t b)
{
	snprintf(dst, cap, "%.*s", (int)(b - a), s + a);
}

static int keep(const struct ct_claim_draft *d, void *payload)
{
	struct doc *doc = payload;
	struct row *r;
	size_t i;
	if (doc->n >= MAXROWS)
		return 0;
	r = &doc->rows[doc->n++];
	memset(r, 0, sizeof(*r));
	r->kind = d->seg->kind;
	r->paragraph = d->seg->paragraph;
	r->is_claim = d->is_claim;
	snprintf(r->type, sizeof(r->type), "%s", d->type);
	snprintf(r->text, sizeof(r->text), "%s", d->text);
	if (d->speaker) {
		r->has_speaker = 1;
		snprintf(r->speaker, sizeof(r->speaker), "%.*s", (int)d->speaker_len, d->speaker);
	}
	if (d->quote && d->quote->found) {
		r->has_quote = 1;
		copy_span(r->quote, sizeof(r->quote), d->text, d->quote->start, d->quote->end);
	}
	for (i = 0; i < d->nnumbers && r->nnumbers < MAXITEMS; i++, r->nnumbers++) {
		r->numbers[r->nnumbers] = d->numbers[i];
		r->numbers[r->nnumbers].approx = d->numbers[i].approx; /* static strings */
		copy_span(r->number_text[r->nnumbers], 64, d->text, d->numbers[i].start, d->numbers[i].end);
	}
	for (i = 0; i < d->ndates && r->ndates < MAXITEMS; i++, r->ndates++) {
		r->dates[r->ndates] = d->dates[i];
		copy_span(r->date_text[r->ndates], 64, d->text, d->dates[i].start, d->dates[i].end);
	}
	for (i = 0; d->entities && i < d->entities->n && r->nents < MAXITEMS; i++, r->nents++) {
		const struct ct_entity *e = &d->entities->e[i];
		struct ent_row *o = &r->ents[r->nents];
		o->kind = e->kind;
		copy_span(o->text, sizeof(o->text), d->text, e->start, e->end);
		copy_span(o->title, sizeof(o->title), d->text, e->title_start, e->title_end);
		copy_span(o->name, sizeof(o->name), d->text, e->name_start, e->name_end);
	}
	return 0;
}

/* The fixture directory: the tests run from the repository root (make unit), but a developer may
 * start the binary from build/tests too. */
static const char *fixture_dir(void)
{
	static const char *const dirs[] = { "tests/fixtures/extract", "../tests/fixtures/extract",
					    "../../tests/fixtures/extract", NULL };
	char probe[256];
	size_t i;
	for (i = 0; dirs[i]; i++) {
		FILE *f;
		snprintf(probe, sizeof(probe), "%s/%s", dirs[i], fixture_files[0]);
		if ((f = fopen(probe, "rb"))) {
			fclose(f);
			return dirs[i];
		}
	}
	fail_msg("tests/fixtures/extract/%s not found: run the tests from the repository root", fixture_files[0]);
	return NULL;
}

static void read_fixture(ct_buf *raw, enum fixture fx)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", fixture_dir(), fixture_files[fx]);
	if (ct_buf_read_file(raw, path) < 0)
		fail_msg("cannot read %s", path);
}

/* Cleans and extracts text[0..len) into a fresh doc. */
static struct doc *extract_text(const char *text, size_t len)
{
	struct doc *doc = calloc(1, sizeof(*doc));
	ct_buf clean = CT_BUF_INIT;
	assert_non_null(doc);
	assert_int_equal(ct_text_clean(&clean, text, len, NULL, NULL), 0);
	assert_int_equal(ct_extract(clean.ptr, clean.len, PUBLISHED, keep, doc), 0);
	/* Every segment fits the table: a larger fixture needs a larger MAXROWS, not silent loss. */
	assert_true(doc->n < MAXROWS);
	ct_buf_release(&clean);
	return doc;
}

static const struct doc *doc_of(enum fixture fx)
{
	if (!docs[fx]) {
		ct_buf raw = CT_BUF_INIT;
		read_fixture(&raw, fx);
		docs[fx] = extract_text(raw.ptr, raw.len);
		ct_buf_release(&raw);
	}
	return docs[fx];
}

/* The one segment of the fixture whose flattened text starts with prefix. */
static const struct row *find(enum fixture fx, const char *prefix)
{
	const struct doc *doc = doc_of(fx);
	const struct row *hit = NULL;
	size_t i;
	for (i = 0; i < doc->n; i++)
		if (!strncmp(doc->rows[i].text, prefix, strlen(prefix))) {
			if (hit)
				fail_msg("%s: two segments start with '%s'", fixture_files[fx], prefix);
			hit = &doc->rows[i];
		}
	if (!hit)
		fail_msg("%s: no segment starts with '%s'", fixture_files[fx], prefix);
	return hit;
}

#define LQ "\xe2\x80\x9c" /* “ */
#define RQ "\xe2\x80\x9d" /* ” */
#define AP "\xe2\x80\x99" /* ’ */

/* ---- segmentation: the exact sequence of kinds and flattened texts ----------------------- */

struct seg_expect {
	ct_seg_kind kind;
	const char *text;
};

static const struct seg_expect courier_segs[] = {
	{ CT_SEG_HEADING, "Kessendale Rail Strike Enters Third Day With No Talks in Sight" },
	{ CT_SEG_BYLINE, "By Tamsin Rourke" },
	{ CT_SEG_SENTENCE, "Almost 2,000 train drivers and signal workers walked off the job across the Kessendale "
			   "regional rail network on Monday, Oct. 13, halting every passenger service on the valley" AP
			   "s four lines." },
	{ CT_SEG_SENTENCE, "Kessendale Regional Rail said 312 scheduled services were cancelled on Monday and Tuesday, "
			   "and that nearly 40 stations had been closed to the public." },
	/* "4.5" is wrapped before "percent": the decimal point ends nothing. */
	{ CT_SEG_SENTENCE, "The Union of Rail and Signal Workers rejected a pay offer of 4.5 percent last week, saying "
			   "its members had gone two years without a raise." },
	{ CT_SEG_SENTENCE, LQ "We did not want this strike, but we will not sign a contract that cuts the crew on every "
			   "train to one person," RQ " said Declan Brannock, the union" AP "s general secretary." },
	/* Title and initial inside the sentence; "single-" at a line end joins "crew". */
	{ CT_SEG_SENTENCE, "The operator" AP "s chief executive, Dr. Miriam T. Sandoval, said the single-crew plan was "
			   "safe and would save about 18 million crowns a year." },
	{ CT_SEG_SENTENCE, "She said the company had offered to meet the union on Friday but had received no reply." },
	{ CT_SEG_HEADING, "Who Is Affected" },
	{ CT_SEG_SENTENCE, "Commuters between Varrow and the regional capital, Lendmouth, faced queues of up to 25 "
			   "kilometres on the valley road on Tuesday morning, according to the Kessendale Highways Agency." },
	{ CT_SEG_SENTENCE, "Schools in Varrow moved lessons online, and the city" AP "s largest hospital said about 300 "
			   "of its staff could not reach work." },
	{ CT_SEG_SENTENCE, "Sen. Harriet Colby, who chairs the Senate transport committee, called the dispute " LQ
			   "a failure of management on both sides" RQ " and urged the government to appoint a mediator." },
	/* Gen. and U.N. inside one sentence. */
	{ CT_SEG_SENTENCE, "Gen. Tomas Ilves, a former U.N. peacekeeping commander who now heads the national rail "
			   "safety board, said a review published in 2023 had found no evidence that single-crew trains "
			   "were less safe." },
	{ CT_SEG_HEADING, "What Comes Next" },
	{ CT_SEG_SENTENCE, "The union has called further walkouts for next Tuesday and Wednesday if no agreement is "
			   "reached." },
	{ CT_SEG_SENTENCE, "Secretary of State for Transport Alina Prewett told reporters on Tuesday that the government "
			   "would not intervene " LQ "while both parties are still at the table." RQ },
	/* The closing quote wrapped onto its own line start does not start a paragraph. */
	{ CT_SEG_SENTENCE, "Mr. Brannock said the union" AP "s strike fund could support members for " LQ
			   "at least three more weeks." RQ },
	/* "Line" ends a line, "No. 3" starts the next. */
	{ CT_SEG_SENTENCE, "The operator has said it plans to introduce single-crew trains on Line No. 3 by the end of "
			   "2027, starting with the route between Varrow and Lendmouth." },
	{ CT_SEG_SENTENCE, "A 20-point plan published by the regional council earlier this month called for an "
			   "independent mediator and a pay review body." },
	{ CT_SEG_FURNITURE, "0 Comments" },
	{ CT_SEG_FURNITURE, "The post Kessendale Rail Strike Enters Third Day With No Talks in Sight appeared first on "
			    "Kessendale Courier." },
	{ CT_SEG_TEASER, "TRENDING NOW: LENDMOUTH COUNCIL VOTES TO CLOSE TWO BRANCH LIBRARIES" },
	{ CT_SEG_BYLINE, "Tamsin Rourke is a reporter who covers transport and labour for the Kessendale Courier." },
};

static const struct seg_expect wire_segs[] = {
	{ CT_SEG_HEADING, "Kessendale rail strike stretches into third day as union and operator trade blame" },
	{ CT_SEG_BYLINE, "By Osman Trell, Wire" },
	/* The dateline stays part of the first sentence. */
	{ CT_SEG_SENTENCE, "LENDMOUTH (Wire) \xe2\x80\x94 A strike by train drivers and signal staff kept every passenger "
			   "train in the Kessendale region idle for a third day on Wednesday, with neither side willing "
			   "to return to talks, officials said." },
	{ CT_SEG_SENTENCE, "Around 1,900 members of the Union of Rail and Signal Workers stopped work on Monday after "
			   "rejecting a 4.5 percent pay offer, the union said." },
	{ CT_SEG_SENTENCE, "Kessendale Regional Rail said 312 services had been cancelled by Tuesday evening and that "
			   "nearly 40 of its 52 stations were closed." },
	{ CT_SEG_SENTENCE, "\"Our members have gone two years without a pay rise while fares went up twice,\" union "
			   "general secretary Declan Brannock told a rally outside Lendmouth Central station on Tuesday." },
	{ CT_SEG_SENTENCE, "\"If the company wants the trains running again, it knows where to find us,\" he said." },
	{ CT_SEG_SENTENCE, "The operator's chief executive, Miriam Sandoval, said the company's offer was \"fair and "
			   "affordable\" and that single-crew trains already ran on three other regional networks." },
	{ CT_SEG_SENTENCE, "According to the operator, running trains with one crew member would save about 18 million "
			   "crowns a year." },
	{ CT_SEG_SENTENCE, "Sen. Harriet Colby said the government should appoint a mediator before the union's next "
			   "walkout, planned for Oct. 21." },
	{ CT_SEG_SENTENCE, "Transport Minister Pieter Dahl said on Tuesday that the government would not step in while "
			   "both sides were still talking." },
	{ CT_SEG_SENTENCE, "Queues on the main valley road stretched for up to 25 kilometres on Tuesday morning, the "
			   "Kessendale Highways Agency said." },
	{ CT_SEG_SENTENCE, "A review published in 2023 by the national rail safety board found no evidence that trains "
			   "with a single crew member were less safe, board chairman Tomas Ilves said." },
	{ CT_SEG_SENTENCE, "Ilves, a retired general, said the board would publish a second review by the end of 2026." },
	{ CT_SEG_SENTENCE, "The union has said it will strike again next Tuesday and Wednesday if no deal is reached." },
	{ CT_SEG_SENTENCE, "The regional council has proposed a 20-point plan that includes an independent pay review "
			   "body." },
	{ CT_SEG_SENTENCE, "Is a mediator the answer?" },
	{ CT_SEG_SENTENCE, "Business groups estimate the strike is costing the region almost 4 million crowns a day." },
#if 0 /* known gap: "(Reporting by ...; Editing by ...)" comes out as a heading, not a byline */
	{ CT_SEG_BYLINE, "(Reporting by Osman Trell; Editing by Lise Marant)" },
#endif
};

static const struct seg_expect valley_segs[] = {
	{ CT_SEG_HEADING, "Strike leaves Kessendale commuters stranded as talks stall" },
	{ CT_SEG_BYLINE, "By Ines Caldwell, Valley Today" },
	{ CT_SEG_SENTENCE, "Commuters across the Kessendale valley spent a third day without trains on Wednesday as a "
			   "strike by rail workers over pay and staffing showed no sign of ending." },
	{ CT_SEG_SENTENCE, "About 1,900 drivers and signal workers have been on strike since Monday, Oct. 13, according "
			   "to the Union of Rail and Signal Workers." },
	{ CT_SEG_SENTENCE, "The operator, Kessendale Regional Rail, said 312 services had been cancelled in the first two "
			   "days of the strike." },
	{ CT_SEG_SENTENCE, "Union general secretary Declan Brannock said the dispute was about safety as much as pay." },
	/* A quote opened and left open at the paragraph's end: it goes on in the next paragraph. */
	{ CT_SEG_SENTENCE, "\"When a driver is alone on a train with 300 passengers and something goes wrong, there is "
			   "nobody there to help." },
	{ CT_SEG_SENTENCE, "We have seen what happens when companies cut corners to save money." },
	{ CT_SEG_SENTENCE, "\"Our members are not asking for the moon." },
	{ CT_SEG_SENTENCE, "They want a second person on every train and a pay rise after two years of nothing.\"" },
	{ CT_SEG_SENTENCE, "The union last went on strike in 2009, he said." },
	{ CT_SEG_SENTENCE, "Miriam Sandoval, the operator's chief executive, said in a statement that the company had "
			   "made \"a fair offer of 4.5 percent\" and that single-crew trains were safe." },
};

static void check_segments(enum fixture fx, const struct seg_expect *want, size_t n)
{
	const struct doc *doc = doc_of(fx);
	size_t i;
	assert_true(doc->n >= n);
	for (i = 0; i < n; i++) {
		if (doc->rows[i].kind != want[i].kind || strcmp(doc->rows[i].text, want[i].text))
			fail_msg("%s segment %zu:\n  want %s '%s'\n  got  %s '%s'", fixture_files[fx], i,
				 ct_seg_kind_name(want[i].kind), want[i].text, ct_seg_kind_name(doc->rows[i].kind),
				 doc->rows[i].text);
	}
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void test_courier_segments(void **state)
{
	(void)state;
	check_segments(COURIER, courier_segs, NELEM(courier_segs));
	/* Nothing after the author bio, and paragraphs follow the source's (hard-wrapped) layout. */
	assert_int_equal(doc_of(COURIER)->n, NELEM(courier_segs));
	assert_int_equal(find(COURIER, "The operator" AP "s chief executive")->paragraph,
			 find(COURIER, "She said the company")->paragraph - 1);
}

static void test_wire_segments(void **state)
{
	(void)state;
	check_segments(WIRE, wire_segs, NELEM(wire_segs));
	assert_int_equal(doc_of(WIRE)->n, 19);
}

static void test_valley_segments(void **state)
{
	(void)state;
	check_segments(VALLEY, valley_segs, NELEM(valley_segs));
	assert_int_equal(doc_of(VALLEY)->n, 20);
	/* The two sentences of the opened quote share a paragraph; the quote's end is the next one. */
	assert_int_equal(find(VALLEY, "We have seen")->paragraph, find(VALLEY, "\"When a driver")->paragraph);
	assert_int_equal(find(VALLEY, "\"Our members are not")->paragraph, find(VALLEY, "We have seen")->paragraph + 1);
}

/* ---- claims and non-claims --------------------------------------------------------------- */

struct label {
	enum fixture fx;
	const char *prefix;
	int is_claim;
};

static const struct label labels[] = {
	/* Page furniture, headings, bylines, bios, teasers: never claims. */
	{ COURIER, "Kessendale Rail Strike Enters", 0 },
	{ COURIER, "By Tamsin Rourke", 0 },
	{ COURIER, "Who Is Affected", 0 },
	{ COURIER, "What Comes Next", 0 },
	{ COURIER, "0 Comments", 0 },
	{ COURIER, "The post Kessendale", 0 },
	{ COURIER, "TRENDING NOW", 0 },
	{ COURIER, "Tamsin Rourke is a reporter", 0 },
	{ WIRE, "Kessendale rail strike stretches", 0 },
	{ WIRE, "By Osman Trell", 0 },
	{ WIRE, "(Reporting by Osman Trell", 0 },
	{ WIRE, "Is a mediator the answer?", 0 }, /* a question asserts nothing */
	{ VALLEY, "Strike leaves Kessendale", 0 },
	{ VALLEY, "By Ines Caldwell", 0 },
	{ VALLEY, "Share this article", 0 },
	/* What a fact-checker would check: figures, dates, named sources, quotes. */
	{ COURIER, "Almost 2,000 train drivers", 1 },
	{ COURIER, "Kessendale Regional Rail said 312", 1 },
	{ COURIER, "The Union of Rail and Signal Workers rejected", 1 },
	{ COURIER, LQ "We did not want this strike", 1 },
	{ COURIER, "The operator" AP "s chief executive", 1 },
	{ COURIER, "She said the company had offered", 1 },
	{ COURIER, "Commuters between Varrow", 1 },
	{ COURIER, "Gen. Tomas Ilves", 1 },
	{ COURIER, "The operator has said it plans", 1 },
	{ COURIER, "A 20-point plan", 1 },
	{ WIRE, "LENDMOUTH (Wire)", 1 },
	{ WIRE, "Around 1,900 members", 1 },
	{ WIRE, "According to the operator", 1 },
	{ WIRE, "A review published in 2023", 1 },
	{ WIRE, "Business groups estimate", 1 },
	{ VALLEY, "About 1,900 drivers", 1 },
	{ VALLEY, "\"When a driver is alone", 1 },
	{ VALLEY, "The union last went on strike in 2009", 1 },
	{ VALLEY, "In Varrow, shop owner Lotte Anand", 1 },
	{ VALLEY, "The union plans a further 48-hour strike", 1 },
};

static void test_labels(void **state)
{
	size_t i, k;
	(void)state;
	for (i = 0; i < NELEM(labels); i++) {
		const struct row *r = find(labels[i].fx, labels[i].prefix);
		if (r->is_claim != labels[i].is_claim)
			fail_msg("%s: '%s': is_claim %d, want %d", fixture_files[labels[i].fx], r->text, r->is_claim,
				 labels[i].is_claim);
	}
	/* Only body sentences are claims, in every fixture. */
	for (k = 0; k < NFIXTURES; k++) {
		const struct doc *doc = doc_of((enum fixture)k);
		size_t claims = 0;
		for (i = 0; i < doc->n; i++) {
			if (doc->rows[i].kind != CT_SEG_SENTENCE && doc->rows[i].is_claim)
				fail_msg("%s: %s '%s' is a claim", fixture_files[k], ct_seg_kind_name(doc->rows[i].kind),
					 doc->rows[i].text);
			claims += (size_t)doc->rows[i].is_claim;
		}
		assert_true(claims >= 12);
	}
}

/* ---- claim types -------------------------------------------------------------------------- */

struct type_expect {
	enum fixture fx;
	const char *prefix;
	const char *type;
};

static const struct type_expect types[] = {
	{ COURIER, "Almost 2,000 train drivers", "quantity" },
	{ COURIER, "Kessendale Regional Rail said 312", "quantity" },
	{ COURIER, "The Union of Rail and Signal Workers rejected", "quantity" },
	{ COURIER, LQ "We did not want this strike", "quote" },
	{ COURIER, "The operator" AP "s chief executive", "prediction" },
	{ COURIER, "She said the company had offered", "statement" },
	{ COURIER, "Sen. Harriet Colby", "quote" },
	{ COURIER, "Gen. Tomas Ilves", "statement" },
	{ COURIER, "Mr. Brannock said", "quote" },
	{ COURIER, "The operator has said it plans", "prediction" },
	{ COURIER, "A 20-point plan", "quantity" },
	{ WIRE, "\"If the company wants", "quote" },
	{ WIRE, "According to the operator", "prediction" },
	{ WIRE, "Sen. Harriet Colby said the government should", "position" },
	{ WIRE, "A review published in 2023", "statement" },
	{ WIRE, "The union has said it will strike again", "prediction" },
	{ WIRE, "The regional council has proposed", "quantity" },
	{ VALLEY, "Union general secretary Declan Brannock said", "statement" },
	{ VALLEY, "\"When a driver is alone", "quote" },
	{ VALLEY, "The union last went on strike in 2009", "statement" },
	{ VALLEY, "In Varrow, shop owner", "quantity" },
	{ VALLEY, "The regional council expects", "prediction" },
	{ VALLEY, "Transport Minister Pieter Dahl has so far refused", "event" },
	{ VALLEY, "Brannock, a former driver, joined pickets", "event" },
};

static void test_types(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < NELEM(types); i++) {
		const struct row *r = find(types[i].fx, types[i].prefix);
		if (strcmp(r->type, types[i].type))
			fail_msg("%s: '%s': type %s, want %s", fixture_files[types[i].fx], r->text, r->type, types[i].type);
	}
}

/* Numbers that do not make a claim about a quantity (ordinals, references, lengths of time, ages),
 * future words that speak of the past, and "due to" after a verb of being. Sentences of our own. */
static void test_type_rules(void **state)
{
	static const struct {
		const char *text, *type;
	} cases[] = {
		{ "The pier first opened to the public on May 2, 2019, the harbour office said.", "statement" },
		{ "The mayor gave the contractor until the end of the month to finish the road.", "event" },
		{ "The inspectors ordered the plant closed within 30 days and fined its owner.", "event" },
		{ "Tenants in Block No. 7 were moved out before the demolition.", "event" },
		{ "Marta Oksen, 71, said the flood had reached her door by noon.", "statement" },
		{ "Under the new law, landlords must give tenants at least 60 days of notice.", "rule" },
		{ "Under city rules, lorries over 12 tonnes are barred from the old bridge.", "rule" },
		{ "Under the harbour code, no ship longer than 90 metres may dock after dark.", "rule" },
		{ "Dogs are prohibited on the beach from May to September.", "rule" },
		{ "Under 40 percent of the rooms were booked.", "quantity" },
		{ "The strike that was due to start on Friday was called off, the union said.", "prediction" },
		{ "Negotiations are due to resume next week in the capital.", "prediction" },
		{ "The road was closed due to flooding on Tuesday.", "causation" },
		{ "The court on Monday quashed the permit that would have let the firm drill near the lake.", "event" },
		{ "Of the 14 analysts polled, nine had expected a cut in the rate.", "quantity" },
		{ "The analysts had expected a cut in the rate before the meeting.", "event" },
		{ "The council will vote on the budget next month.", "prediction" },
		{ "About 40 people were evacuated from the flats on Sunday.", "quantity" },
		{ "The festival drew 12,000 visitors, 3,000 more than last year.", "quantity" },
		/* how things are, in the present, is a statement; what was done, or happens on a day, an
		 * event */
		{ "The incinerator's contract with the county runs until 2036.", "statement" },
		{ "Dioxins can stay in the soil around a plant for decades.", "statement" },
		{ "Edna Sorrell died in a fire at her home in Pellham.", "event" },
		{ "The harbour committee meets on Dec. 2 to question the mayor.", "event" },
		{ "The committee voted to close the plant.", "event" },
		/* a state since a time is a statement; a rate is a quantity */
		{ "Residents have complained about the smell since 2019.", "statement" },
		{ "The county has not tested the fields around the plant since August.", "statement" },
		{ "The county tested the fields around the plant in August.", "event" },
		{ "During the day a truck arrived every six minutes.", "quantity" },
		{ "The strike lasted six minutes.", "event" },
		/* a possibility on a date to come is a prediction; a duty with a day to meet it a rule */
		{ "The partnership warned that the site could be full by the end of March 2027.", "prediction" },
		{ "The site could have been full by March 2027.", "statement" },
		{ "Applicants can register online until the end of March 2027.", "statement" },
		{ "The plant must stop taking deliveries by Friday, the agency said.", "rule" },
		{ "The plant must stop taking deliveries, the agency said.", "position" },
		{ "The study shall deliver its results next month.", "prediction" },
		/* a rule as the subject of a verb that binds; a translation's "after the rules"; a
		 * requirement of a vote or an approval */
		{ "League rules require a club to report any loan of more than $5 million within 30 days.", "rule" },
		{ "After the rules of the league may a club not lose more than 15 million dollars.", "rule" },
		{ "After the law passed in 2019, 40 clubs closed.", "quantity" },
		{ "Any sale of the ground would need a vote of the city council, she said.", "rule" },
		{ "Each sale of the ground needs a vote of the city council.", "rule" },
		{ "The club needs a new coach.", "position" },
		/* a figure's change said in the future is a quantity; a rule named first, whatever the
		 * tense; a group counted before and a vote's tally are no quantities; "since" a day is
		 * a happening, "since" a year a state */
		{ "In-state students will pay $11,284 a year, up from $10,400.", "quantity" },
		{ "Under the board's Resolution No. 31, students will keep paying the old rate.", "rule" },
		{ "The four trustees who voted against the rise were appointed by the legislature.", "event" },
		{ "The four companies paid $40 million.", "quantity" },
		{ "The board passed the rise 9 to 4 on Friday.", "event" },
		{ "Turnout fell from 9 to 4 percent.", "quantity" },
		{ "The registrar's office has been shut since Saturday.", "event" },
		{ "The registrar's office has been shut since 2019.", "statement" },
		/* a participle opening an apposition is not the sentence's verb */
		{ "Brackwater State, founded in 1887, is the second-largest of the state's universities.", "statement" },
		{ "The museum, founded in 1868, closed in May.", "event" },
		{ "She had bought the heater two winters earlier.", "event" },
		/* what the review of these rules found */
		{ "The government must do more to help renters this winter, the charity said on Monday.", "position" },
		{ "The five percent rise was approved by the board on Monday.", "quantity" },
		{ "The two million euros pledged by the club have not been paid.", "quantity" },
		{ "Staff numbers at the library were cut 120 to 85 last year.", "quantity" },
		{ "After the new rules are introduced next season, ticket prices will rise.", "prediction" },
		{ "According to critics of the law, rents have risen 14 percent since 2023.", "quantity" },
		{ "Fares on the 14 bus routes will go up from Monday, the authority said.", "prediction" },
		{ "Residents may apply for the heating grant from next Monday, the council said.", "statement" },
		{ "The board's final ruling is due by the end of April 2027.", "prediction" },
		/* a rule's sanction or reach */
		{ "Landlords who break the cap face fines of up to $5,000 per flat.", "rule" },
		{ "The cap does not apply to flats built after 2020.", "rule" },
		{ "The team faces Albion on Saturday.", "event" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		struct doc *doc = extract_text(cases[i].text, strlen(cases[i].text));
		assert_int_equal(doc->n, 1);
		if (strcmp(doc->rows[0].type, cases[i].type))
			fail_msg("'%s': type %s, want %s", cases[i].text, doc->rows[0].type, cases[i].type);
		free(doc);
	}
}

/* A question in quotation marks with only its attribution around it is no claim; one asked with
 * more to check around it still is. A sentence of four words is one with a quantity. */
static void test_quoted_questions(void **state)
{
	static const struct {
		const char *text;
		int is_claim;
	} cases[] = {
		{ "\"Why did it take three months to act?\" he asked.", 0 },
		{ "\xE2\x80\x9EWhy needed one three months for it?\xE2\x80\x9C, asks he.", 0 },
		{ "\"Who pays for the 40 new trucks?\" asked council member Tom Hale at the meeting on Monday.", 1 },
		{ "\"It will take three months to repair the line,\" he said.", 1 },
		/* four words are a claim with a quantity only */
		{ "Kestrel Road holds 16,500.", 1 },
		{ "Kestrel Road opened late.", 0 },
		/* the writer's own impression */
		{ "It is hard to picture Dunmere without Kestrel Road.", 0 },
		{ "It\xE2\x80\x99s hard to imagine the town without its 103-year-old club.", 0 },
		{ "It is hard to get a ticket for 40 dollars in Dunmere.", 1 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		struct doc *doc = extract_text(cases[i].text, strlen(cases[i].text));
		assert_int_equal(doc->n, 1);
		if (doc->rows[0].is_claim != cases[i].is_claim)
			fail_msg("'%s': is_claim %d, want %d", cases[i].text, doc->rows[0].is_claim, cases[i].is_claim);
		free(doc);
	}
}

/* ---- speakers ----------------------------------------------------------------------------- */

struct speaker_expect {
	enum fixture fx;
	const char *prefix;
	const char *speaker; /* NULL: the draft names nobody */
	const char *quote;   /* the quoted words, or NULL not to check */
};

static const struct speaker_expect speakers[] = {
	/* "..., said Declan Brannock" after the quote. */
	{ COURIER, LQ "We did not want this strike", "Declan Brannock",
	  "We did not want this strike, but we will not sign a contract that cuts the crew on every train to one "
	  "person," },
	/* "Dr. Miriam T. Sandoval, said": the name without the title. */
	{ COURIER, "The operator" AP "s chief executive", "Miriam T. Sandoval", NULL },
	/* "She said" takes the speaker of the sentence before. */
	{ COURIER, "She said the company had offered", "Miriam T. Sandoval", NULL },
	{ COURIER, "Commuters between Varrow", "Kessendale Highways Agency", NULL },   /* according to */
	{ COURIER, "Kessendale Regional Rail said 312", "Kessendale Regional Rail", NULL }, /* X said */
	{ COURIER, "Gen. Tomas Ilves", "Tomas Ilves", NULL }, /* a long apposition before "said" */
	{ COURIER, "Mr. Brannock said", "Declan Brannock", "at least three more weeks." },
	{ COURIER, "Almost 2,000 train drivers", NULL, NULL },
	{ WIRE, "LENDMOUTH (Wire)", "officials", NULL },
	{ WIRE, "\"Our members have gone two years", "Declan Brannock", NULL }, /* X told */
	{ WIRE, "\"If the company wants", "Declan Brannock",
	  "If the company wants the trains running again, it knows where to find us," }, /* he said */
	{ WIRE, "The operator's chief executive, Miriam Sandoval", "Miriam Sandoval", "fair and affordable" },
	{ WIRE, "According to the operator", "the operator", NULL },
	{ WIRE, "Sen. Harriet Colby said", "Harriet Colby", NULL },
	{ WIRE, "Queues on the main valley road", "Kessendale Highways Agency", NULL },
	{ WIRE, "A review published in 2023", "Tomas Ilves", NULL }, /* board chairman Tomas Ilves said */
	{ VALLEY, "About 1,900 drivers", "Union of Rail and Signal Workers", NULL },
	{ VALLEY, "Union general secretary Declan Brannock said", "Declan Brannock", NULL },
	/* The quote that opens without attribution takes the speaker just named. */
	{ VALLEY, "\"When a driver is alone", "Declan Brannock", NULL },
	/* Its continuation in the next paragraph, with no attribution at all. */
	{ VALLEY, "\"Our members are not asking", "Declan Brannock", "Our members are not asking for the moon." },
	{ VALLEY, "They want a second person", "Declan Brannock", NULL },
	/* "he said" after the quote: the last speaker. */
	{ VALLEY, "The union last went on strike in 2009", "Declan Brannock", NULL },
	{ VALLEY, "In Varrow, shop owner Lotte Anand", "Lotte Anand", NULL },
#if 0 /* known gap: a name followed by an apposition ("Ilves, a retired general, said") gets no speaker */
	{ WIRE, "Ilves, a retired general, said", "Ilves", NULL },
	{ VALLEY, "Miriam Sandoval, the operator's chief executive, said", "Miriam Sandoval", "a fair offer of 4.5 percent" },
#endif
#if 0 /* known gap: "she"/"he" takes the last speaker, not the last person of that gender named */
	{ VALLEY, "She said the company would meet", "Miriam Sandoval", NULL },
	{ VALLEY, "\"We have been patient for two years", "Declan Brannock", NULL },
#endif
#if 0 /* known gap: "X has said it ..." takes "it" as a pronoun speaker and resolves it to a person */
	{ COURIER, "The operator has said it plans", "The operator", NULL },
	{ WIRE, "The union has said it will strike again", "The union", NULL },
#endif
#if 0 /* known gap: "the union said" names no speaker ("union" is not a speaker noun) */
	{ WIRE, "Around 1,900 members", "the union", NULL },
#endif
#if 0 /* known gap: a quote after "called the dispute" is not attributed to the subject */
	{ COURIER, "Sen. Harriet Colby", "Harriet Colby", "a failure of management on both sides" },
#endif
#if 0 /* known gap: the title "Secretary of State for Transport" / "Transport Minister" stays in the name */
	{ COURIER, "Secretary of State for Transport", "Alina Prewett", NULL },
	{ WIRE, "Transport Minister Pieter Dahl said", "Pieter Dahl", NULL },
#endif
#if 0 /* known gap: the middle sentence of a multi-sentence quote loses the quote and its speaker */
	{ VALLEY, "We have seen what happens", "Declan Brannock", NULL },
#endif
};

/* One sentence's quote and speaker, from ct_extract on a text of its own. */
struct one_quote {
	const char *prefix;        /* the sentence to look at starts so */
	int found;
	char quote[256], speaker[128];
};

static int one_quote_cb(const struct ct_claim_draft *d, void *payload)
{
	struct one_quote *w = payload;
	if (d->text_len < strlen(w->prefix) || memcmp(d->text, w->prefix, strlen(w->prefix)))
		return 0;
	w->found = 1;
	if (d->quote && d->quote->found)
		snprintf(w->quote, sizeof(w->quote), "%.*s", (int)(d->quote->end - d->quote->start),
			 d->text + d->quote->start);
	if (d->speaker)
		snprintf(w->speaker, sizeof(w->speaker), "%.*s", (int)d->speaker_len, d->speaker);
	return 0;
}

/* Case i: text extracted as published; the sentence starting with prefix has the speaker (NULL:
 * none) and, when check_quote, the quote (NULL: none). */
static void expect_speaker(size_t i, const char *text, const char *prefix, const char *published, int check_quote,
			   const char *quote, const char *speaker)
{
	struct one_quote w;
	memset(&w, 0, sizeof(w));
	w.prefix = prefix;
	assert_int_equal(ct_extract(text, strlen(text), published, one_quote_cb, &w), 0);
	if (!w.found)
		fail_msg("case %zu: no sentence starts with '%s'", i, prefix);
	if (check_quote && strcmp(w.quote, quote ? quote : ""))
		fail_msg("case %zu: quote '%s', want '%s'", i, w.quote, quote ? quote : "");
	if (strcmp(w.speaker, speaker ? speaker : ""))
		fail_msg("case %zu: speaker '%s', want '%s'", i, w.speaker, speaker ? speaker : "");
}

/* Speakers named after a role in lower case, the person opening a sentence whose quote has no
 * verb of saying, and a title in quotation marks, which is no quote. */
static void test_speaker_rules(void **state)
{
	static const struct {
		const char *text, *prefix, *quote, *speaker;
	} cases[] = {
		{ "\xE2\x80\x9CI heard the glass go,\xE2\x80\x9D said night guard Emil Dravik, 61, who has worked "
		  "there for 22 years.", "\xE2\x80\x9CI heard", "I heard the glass go,", "Emil Dravik" },
		{ "\xE2\x80\x9CWe will have them back,\xE2\x80\x9D said the mayor Ruth Ellery.", "\xE2\x80\x9CWe",
		  "We will have them back,", "Ruth Ellery" },
		{ "\xE2\x80\x9CThey knew what they wanted,\xE2\x80\x9D said the museum\xE2\x80\x99s director, "
		  "Dr. Henrike Falm.", "\xE2\x80\x9CThey", "They knew what they wanted,", "Henrike Falm" },
		{ "Culture Minister Pavel Strand visited the museum and called the theft \xE2\x80\x9C"
		  "a wound to the whole country.\xE2\x80\x9D", "Culture", "a wound to the whole country.",
		  "Pavel Strand" },   /* the name without its title */
		/* the person before the verb, not a place after "told a rally outside" */
		{ "\"We have waited two years,\" union leader Declan Brannock told a rally outside Lendmouth "
		  "Central station on Tuesday.", "\"We", "We have waited two years,", "Declan Brannock" },
		/* titles of works: no quote, no speaker carried over from the sentence before */
		{ "Police said the raid took nine minutes. Among the stolen works is \xE2\x80\x9CThe Salt "
		  "Merchant\xE2\x80\x99s Daughter,\xE2\x80\x9D the best-known painting.", "Among", NULL, NULL },
		/* not titles: a quote of lower-case words, a shouted one */
		{ "Lena Marsh said the thieves were \xE2\x80\x9Cvery well prepared.\xE2\x80\x9D", "Lena",
		  "very well prepared.", "Lena Marsh" },
		{ "\xE2\x80\x9CSTOP THE CUTS,\xE2\x80\x9D the crowd chanted, Ana Ruiz said.", "\xE2\x80\x9CSTOP",
		  "STOP THE CUTS,", "Ana Ruiz" },
		/* a surname alone: the full name said before (a title word and an untyped opener off);
		 * the newest of two of that name; a surname never said in full stays as written */
		{ "Circuit Judge Evelyn R. Haskins ruled on Monday. \"The fee was never approved,\" Haskins wrote.",
		  "\"The fee", "The fee was never approved,", "Evelyn R. Haskins" },
		{ "Amira Fidan has two children there. \"Nobody asked us,\" Fidan said.", "\"Nobody",
		  "Nobody asked us,", "Amira Fidan" },
		{ "Anna Berg spoke first. Then Tomas Berg spoke. \"We will appeal,\" Berg said.", "\"We will",
		  "We will appeal,", "Tomas Berg" },
		{ "Anna Berg spoke first. \"We will appeal,\" Lindqvist said.", "\"We will", "We will appeal,",
		  "Lindqvist" },
		/* who is told is not the speaker; an age between commas; a possessive before the role */
		{ "\"It did not come from nowhere,\" the association's president, Nadia Fell, told Northgate News.",
		  "\"It did", "It did not come from nowhere,", "Nadia Fell" },
		{ "\"I noticed the fee first,\" Ruskin, 78, said outside the courthouse.", "\"I noticed",
		  "I noticed the fee first,", "Ruskin" },
		{ "\"Nobody has listened,\" said its president Nadia Fell to Northgate News.", "\"Nobody",
		  "Nobody has listened,", "Nadia Fell" },
		/* guillemets and a verb of saying in the present */
		{ "\xC2\xABWe will not let them fly again\xC2\xBB, declares Ilse Marrow, the director.", "\xC2\xABWe",
		  "We will not let them fly again", "Ilse Marrow" },
		{ "The director, Mathis Quarry, affirms in a statement that the company \"respected every rule\".",
		  "The director", "respected every rule", "Mathis Quarry" },
		/* reported speech, no quote: the subject of the verb, not the name after it; a name
		 * opening the sentence before a relative clause; an unnamed document; a pronoun after
		 * "according to" is the person named before */
		{ "The directorate said Corvane had replaced the fuel line in January.", "The directorate", NULL,
		  "The directorate" },
		{ "Corvane Air, which carried about 3.4 million passengers last year, said it would rebook "
		  "travellers.", "Corvane Air", NULL, "Corvane Air" },
		{ "According to a preliminary report from the directorate, the fire began in the left engine.",
		  "According", NULL, "a preliminary report from the directorate" },
		{ "The crew shut the engine down within 90 seconds, the report said.", "The crew", NULL, "the report" },
		{ "Ilse Marrow said the grounding would last. According to her, inspectors found cracks in a fuel line.",
		  "According", NULL, "Ilse Marrow" },
		{ "Transport Minister Kasimir Oyelaran said the government would review the rules.", "Transport", NULL,
		  "Kasimir Oyelaran" },
		/* "according to" a document from or by a body: the body; a clause after the document
		 * ends it; who is in a place, not the place; "It said" is the organisation last the
		 * subject, never the person quoted before; a body as subject */
		{ "The port handles 40 percent of the fruit, according to figures from the Ministry of Trade.", "The port",
		  NULL, "Ministry of Trade" },
		{ "The hackers used a contractor's account, according to an internal review seen by the Courier.",
		  "The hackers", NULL, "an internal review" },
		{ "Police in Veldmoor said they had arrested two men.", "Police", NULL, "Police in Veldmoor" },
		{ "The Veldmoor Health Trust said the breach began on Friday. \"We are sorry,\" said Noor Castellan, "
		  "a researcher at Harl University. It said it had received 2,300 calls.", "It said", NULL,
		  "Veldmoor Health Trust" },
		{ "The authority said it had lost about $2.3 million in fees.", "The authority", NULL, "The authority" },
		/* a relative clause between the name and the verb is not the speaker, nor the place in
		 * it; "informed" as translations use it (the person informed is not the speaker); a
		 * body after "declared the ..."; the noun before the verb, not a conjunction before it;
		 * a clause opened by "that" ends an "according to" document */
		{ "Prof. Ilona Marsk, who heads the tide gauge at Kessel Head, said the surge was rising.", "Prof.",
		  NULL, "Ilona Marsk" },
		{ "The ferry Aster Vale, which sails from Kessel Head, said nothing.", "The ferry", NULL, "Aster Vale" },
		{ "The Nordvik Fund informed its members that the fee would rise.", "The Nordvik", NULL, "Nordvik Fund" },
		{ "Prices rose by 3,2 percent, declared the statistics bureau Kvantis on Friday.", "Prices", NULL,
		  "Kvantis" },
		{ "The fund raised its rate, as the bank informed in a note.", "The fund", NULL, "the bank" },
		{ "Two hulls were cracked, the coast guard said on Monday.", "Two hulls", NULL, "the coast guard" },
		{ "The dam leaked for weeks, according to an audit by the Water Board that reporters obtained.", "The dam",
		  NULL, "Water Board" },
		/* "..., estimated X" after the figure (not "an estimated 4,000"); a person and where they
		 * work ("X of Y", "Y's ... X" as translations order it, "minister of Transport X") is the
		 * person; "Bank of England" and "Chamber of Commerce" stay whole */
		{ "The outage cost about 2 million euros, estimated Hanna Moll, an analyst at Brise Capital.", "The outage",
		  NULL, "Hanna Moll" },
		{ "The outage cost about 2 million euros, has estimated the analyst Hanna Moll of Brise Capital.",
		  "The outage", NULL, "Hanna Moll" },
		{ "An estimated 4,000 people marched through the old town on Sunday.", "An estimated", NULL, NULL },
		{ "Economist of the Harl Savings Bank Ivo Strand told the Courier that rates would rise.", "Economist",
		  NULL, "Ivo Strand" },
		{ "The minister of Fisheries Elin Vaag announced that the quota would be cut.", "The minister", NULL,
		  "Elin Vaag" },
		{ "Marit Sande of the Port Authority said the quay would reopen in May.", "Marit", NULL, "Marit Sande" },
		{ "The Harl Chamber of Commerce said exports fell.", "The Harl", NULL, "Harl Chamber of Commerce" },
		/* a quote of two sentences named after the second: the first looks ahead; not past
		 * a quote the next sentence does not close */
		{ "Corvane said the fleet was safe. \xC2\xABWe warned them twice. Nobody listened\xC2\xBB, said its "
		  "president Ida Roos.", "\xC2\xABWe warned", "We warned them twice.", "Ida Roos" },
		{ "Ida Roos said the fleet was unsafe. \"We warned them twice. The board met on Monday, Corvane said.",
		  "\"We warned", "We warned them twice.", "Ida Roos" },
		/* a person said before opens the sentence: "writing that" */
		{ "Judge Carol Haskins ruled on Monday. Haskins rejected the argument, writing that \"a hidden fee "
		  "is no fee\".", "Haskins rejected", "a hidden fee is no fee", "Carol Haskins" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < NELEM(cases); i++)
		expect_speaker(i, cases[i].text, cases[i].prefix, "2027-10-19", 1, cases[i].quote, cases[i].speaker);
}

/* Reported speech whose speaker is a document or data, comes after the verb (a translation's
 * order), is a person after "according to" a role, a pronoun after a document was quoted, or an
 * organisation with a quote fragment; and what is no one's report ("Police found the boy"). */
static void test_reported_speech_forms(void **state)
{
	static const struct {
		const char *text, *prefix, *speaker;
	} cases[] = {
		/* documents and data */
		{ "Ticket sales fell by a fifth in the first half of the year, the study found.", "Ticket", "study" },
		{ "A 2024 review by the Harbour Commission found that three cranes had never been tested.", "A 2024",
		  "Harbour Commission" },
		{ "Figures released by Statkontor show that unemployment rose in March.", "Figures", "Statkontor" },
		{ "An investigation in May showed that the bridge bearings were corroded.", "An investigation",
		  "investigation" },
		{ "The audit, which took two years, found no fraud.", "The audit", "audit" },
		{ "The 30-page study, commissioned by the city on Friday, says the tunnel is sound.", "The 30-page",
		  "study" },   /* its size is no part of its name */
		{ "Fewer trains ran on time than in any year since 2015, shows a survey from the rail union.", "Fewer",
		  "survey from the rail union" },
		{ "The fares will rise in April, shows data from the transport agency Rutefor.", "The fares", "Rutefor" },
		{ "Researchers found that the drug halved the risk.", "Researchers", "Researchers" },
		/* a document a person is said to quote is the person's word; no one reports a find */
		{ "A study published last year found no link, the health minister Ola Brekke said.", "A study",
		  "Ola Brekke" },
		{ "Police found the missing boy on Sunday.", "Police", NULL },
		{ "The boy was found by a neighbour.", "The boy", NULL },
		{ "The company found a buyer for the plant in March.", "The company", NULL },
		/* the verb before its subject, after the clause */
		{ "The costs have doubled, says a spokesman of the defence ministry.", "The costs",
		  "spokesman of the defence ministry" },
		{ "The plan is a mistake, says the chair of the Tenants' Union, Marit Oddvar.", "The plan", "Marit Oddvar" },
		{ "Exports fell by 4 percent in 2025, informed the company.", "Exports", "company" },
		{ "The vote is set for Monday, confirmed its chairman Egil Roaldsen.", "The vote", "Egil Roaldsen" },
		/* "according to" a role and the person */
		{ "According to Velmar Logistics' chief executive, Ottilie Brand, the warehouse will close.", "According",
		  "Ottilie Brand" },
		{ "According to the city's fire chief, Anders Holk, nobody was hurt.", "According", "Anders Holk" },
		{ "According to mayor Henrik Stoltz will the town borrow more money next year.", "According",
		  "Henrik Stoltz" },
		/* a body the word lists do not know, between a comma and the verb ending the sentence */
		{ "Rail traffic fell by 12 percent in May, the statistics bureau added.", "Rail traffic",
		  "the statistics bureau" },
		{ "Rail traffic fell by 12 percent in May, the bureau said.", "Rail traffic", "the bureau" },
		/* or one with words after the verb: the phrase with its determiner right before the
		 * verb (np_subject) */
		{ "Rail traffic fell by 12 percent in May, the bureau said on Friday.", "Rail traffic", "the bureau" },
		{ "A spokesperson for the league said the inquiry would end in February.", "A spokesperson",
		  "spokesperson for the league" },
		{ "The league warned in October that four clubs had broken its rules.", "The league", "The league" },
		{ "In a letter to the board, the union's general secretary said pay had fallen.", "In a letter",
		  "the union's general secretary" },
		{ "The four paintings are insured for 38 million crowns, the museum said, although dealers doubt it.",
		  "The four", "the museum" },
		/* not a phrase that is no subject: a pronoun, a verb, a clause */
		{ "In May the price of bread that rose said little.", "In May", NULL },
		/* "X, whose ..., said": X */
		{ "In his letter, Sen. Oswin Trask, whose district includes Kestrel Road, said the state would not pay.",
		  "In his letter", "Oswin Trask" },
		/* an apposition between the role and the name after "according to" */
		{ "The inquiry will ask whether the loan was reported, according to the league's chief executive, "
		  "a former referee, Dr. Colm D. Ferriday.", "The inquiry", "Colm D. Ferriday" },
		/* a document's long parenthesis, past a possessive's apostrophe */
		{ "An audit commissioned by the supporters' trust from the accountants R. J. Amberley & Partners "
		  "showed that fees had risen.", "An audit", "audit" },
		/* translations: "so the body" before a short adverbial; "after" a document; a verb put
		 * before its subject, and who was told after it */
		{ "The league has an inquiry opened, so the club on Monday.", "The league", "club" },
		{ "The landfill missed its deadline, so the inspectorate on Monday suspended the permit.",
		  "The landfill", NULL },
		{ "After its accounts has Albion 31,4 million dollars lost.", "After", "its accounts" },
		{ "The loan was secured with the stadium, after a letter which the Post has seen.", "The loan",
		  "a letter" },
		{ "After the report was published, the minister resigned.", "After", NULL },
		{ "Against every point deduction would Albion appeal, told Hallorann the reporters.", "Against",
		  "Hallorann" },
		{ "Against every deduction the club would appeal, the chairman told Anna Berg.", "Against",
		  "the chairman" },
		/* the person a role after "according to ... by" names; the phrase that ends in a name
		 * after "of", not the name (but a title, its portfolio and the person) */
		{ "Households will get back $115, according to figures filed with the court by the plaintiffs' "
		  "lawyer, Priya N. Castellan.", "Households", "Priya N. Castellan" },
		{ "The association of the pilots of Corvane says to have signalled problems 300 times.", "The association",
		  "The association of the pilots of Corvane" },
		{ "The lawyer of Anna Berg said the plan was sound.", "The lawyer", "The lawyer of Anna Berg" },
		{ "The minister of Transport Kasimir Oyelaran announced that the rules would change.", "The minister",
		  "Kasimir Oyelaran" },
		/* a document's size is not its name */
		{ "A 41-page inspection report released on Wednesday found that the filters were torn.", "A 41-page",
		  "inspection report" },
		/* a name before a verb of finding that ends the sentence, after a comma; not a person
		 * found */
		{ "Tuition has risen by 31 percent since 2016, the Legislative Budget Office found in a report last month.",
		  "Tuition", "Legislative Budget Office" },
		{ "Police found Anna Berg in Dunmere on Monday.", "Police", NULL },
		/* not speakers: the subject of what was said; a verb in another sense; a clause-less
		 * opening; "so" before an action; "after" a document in time */
		{ "Anna Kessler, the club's chair, said the league had ignored its complaints.", "Anna", "Anna Kessler" },
		{ "The club posted record revenue of 80 million euros in 2025.", "The club", NULL },
		{ "The flood claimed the lives of three people on Monday.", "The flood", NULL },
		{ "After six hours of talks, the Harwick Summit concluded on Monday.", "After six", NULL },
		{ "The bridge was unsafe, so the police on Monday shut the road.", "The bridge", NULL },
		{ "The mayor of Harwick resigned on Monday, after the audit.", "The mayor", NULL },
		{ "Within minutes, the scoreboard showed the visitors two goals ahead.", "Within", NULL },
		/* a promise is someone's word, with what was promised after it; a view held, before its
		 * holder; a body's name after "according to"; a plural's apostrophe in a body's name */
		{ "In a letter on Tuesday, Grisby's chief executive, Marguerite Olsen-Pryce, promised not to change "
		  "payment terms.", "In a letter", "Marguerite Olsen-Pryce" },
		{ "Dr. Lena Marsh offered residents an apology and promised to cover hotel costs.", "Dr. Lena", NULL },
		{ "The merger could add 4 percent to food bills, estimated an economist at Halmsby University, "
		  "Dr. Imani Castell, who has studied prices since 2019.", "The merger", "Imani Castell" },
		{ "Food prices rose 7.8 percent, according to the state statistics office, and eggs cost more.", "Food",
		  "the state statistics office" },
		{ "The state's largest farmers' group warned on Wednesday that growers would suffer.", "The state",
		  "state's largest farmers' group" },
		/* a relative clause before the verb, a name after it; a translation's "After" a role and
		 * its person; "who called the promise “...”" */
		{ "Corvane Air, which carried 3.4 million passengers, said Grisby would rebook them.", "Corvane",
		  "Corvane Air" },
		{ "After the chief executive of Grisby, Marguerite Olsen-Pryce, has the company offered to sell 14 "
		  "shops.", "After", "Marguerite Olsen-Pryce" },
		{ "According to the chief executive of Grisby, Marguerite Olsen-Pryce, the firm will sell 14 shops.",
		  "According", "Marguerite Olsen-Pryce" },
		{ "According to Harlow Construction, Anna Berg will lead the works.", "According", "Harlow Construction" },
		{ "That did not impress the union's president, Mr. Ned Harkaway, who called the promise "
		  "\xE2\x80\x9C" "a pen stroke.\xE2\x80\x9D", "That did", "Ned Harkaway" },
		/* a document's adverbial with a participle after a verb of finding; a count as a
		 * document; "so" and a body's longer phrase */
		{ "Rents have risen by a third since 2019, the Marrowgate Housing Observatory found in a report "
		  "published last month.", "Rents", "Marrowgate Housing Observatory" },
		{ "Rent caps are in force in more than 200 cities, a count by the Lorrimer Institute shows.", "Rent",
		  "Lorrimer Institute" },
		{ "The council had broken the state law, so the association of the property owners.", "The council",
		  "association of the property owners" },
		/* the person the sentence itself opens with, for its own "he said" */
		{ "\"We will appeal,\" said Rhiannon Fealy. The president of the council Benedikt Krolling, who voted "
		  "against it, will not stop the measure, he said in an interview.", "The president", "Benedikt Krolling" },
		/* the verb of saying that ends the sentence, not one before it; a plural noun alone after
		 * a comma */
		{ "The storm warned of worse to come, forecasters said.", "The storm", "forecasters" },
		{ "The company said on Monday that profits fell.", "The company", "The company" },
		/* a company's role before the person; the person before an apposition naming a body;
		 * a dateline's place is no speaker */
		{ "\"We changed the plan,\" said Halvane's chief executive, Conrad Mellish.", "\"We changed",
		  "Conrad Mellish" },
		{ "Conrad Mellish, the chief executive of Halvane Offshore, said the firm had moved six turbines.",
		  "Conrad", "Conrad Mellish" },
		{ "PORT ALDWICK, Dec. 2 (Brinewire) \xE2\x80\x94 Fishermen in this town said on Wednesday that they "
		  "would go to court.", "PORT", "Fishermen in this town" },
		{ "PORT ALDWICK, Dec. 2 (Brinewire) \xE2\x80\x94 The board approved the farm, officials said.", "PORT",
		  "officials" },
		/* a translation's auxiliary and day before the participle */
		{ "Port Aldwick - The fishermen of the harbour town have on Thursday announced that they will go to "
		  "court.", "Port", "The fishermen of the harbour town" },
		/* a level of government before the title */
		{ "State Sen. Corinna Vayle, who chairs the committee, said the inquiry was late.", "State", "Corinna Vayle" },
		/* a body's own papers */
		{ "Albion lost $31.4 million last year, the club's accounts show.", "Albion", "club's accounts" },
		/* a verb of holding a view, with "that" after it */
		{ "Oddvar Lunde estimated that the repairs would cost $4 million.", "Oddvar", "Oddvar Lunde" },
		{ "The union claims that 400 jobs are at risk.", "The union", "The union" },
		/* "the governor said": the person named before with that title (and "she" after) */
		{ "Gov. Maren Tolv ordered an inquiry. In a letter, the governor said the rules had failed.",
		  "In a letter", "Maren Tolv" },
		{ "Transport Minister Ola Berge met the unions. The minister said talks would go on.", "The minister",
		  "Ola Berge" },
		{ "Mayor Ines Polk opened the hall. The mayor said the roof would be fixed. She added that it "
		  "would cost less.", "She added", "Ines Polk" },
		/* "mister" is no title of the man named before: the words as written */
		{ "Mr. Ivo Rask spoke first. The mister said nothing.", "The mister", "The mister" },
		/* a word qualifying the title before the name is title too: the name alone */
		{ "Fire Chief Lina Dorr inspected the house. \"It burned fast,\" Dorr said.", "\"It burned",
		  "Lina Dorr" },
		{ "Six of the fires were in the county, Fire Marshal Ada Quist said.", "Six of", "Ada Quist" },
		/* the German „...“ of a translation: the “ after the words closes the quote */
		{ "The cracks grew \xe2\x80\x9esince several years\xe2\x80\x9c, says the engineer Dr. Irma Volk from the firm.",
		  "The cracks", "Irma Volk" },
		/* a figure ends the phrase: what was said goes on after it (a translation's order) */
		{ "The deepest crack measures according to the inspectorate 4,1 millimetres.", "The deepest",
		  "the inspectorate" },
		/* "she" after a document was quoted is the person named before it */
		{ "Greta Holm said the vote would be close. The report calls the plan risky. According to the report "
		  "pay 4 000 tenants too much. She says the council must act.", "She says", "Greta Holm" },
		/* verbs of saying and their subjects; a title off the name */
		{ "Samuel Pike, who chairs the finance committee, said the budget was balanced.", "Samuel", "Samuel Pike" },
		{ "Inspector Lotte Vane told reporters that nobody had been hurt.", "Inspector", "Lotte Vane" },
		{ "Ravi Anand denied that he had known about the leak.", "Ravi", "Ravi Anand" },
		{ "In a letter to shareholders, Ravi Anand said the firm would be sold.", "In a letter", "Ravi Anand" },
		{ "The municipality said in a statement that it cannot pay.", "The municipality", "The municipality" },
		{ "The mayor wrote in a statement that the town would publish every result.", "The mayor", "The mayor" },
		/* a quote fragment: the organisation, or the person, opening the sentence */
		{ "The carrier Skarholt Air is \"deeply worried\" about the strike and will cut flights.", "The carrier",
		  "Skarholt Air" },
		{ "Alderman Pieter Smolders, who voted against, calls the budget \"a fantasy\".", "Alderman",
		  "Pieter Smolders" },
		/* a document with a parenthesis holding a name with its own mark */
		{ "The inspection report, prepared by the consulting firm Hollins & Vey, found that water had seeped "
		  "into the piers.", "The inspection", "inspection report" },
		/* the body after the verb, its adverbial after it; not a document the person spoke of,
		 * nor "in a statement" */
		{ "The viaduct will not reopen before March, said the regional roads authority of Ostrey on Tuesday.",
		  "The viaduct", "regional roads authority of Ostrey" },
		{ "Vale Rail's chief executive, Simon Ardley, said a track inspection on Feb. 27 had found no fault.",
		  "Vale Rail", "Simon Ardley" },
		{ "Its chief executive, Graham Pettifer, wrote in a statement on Saturday that the contract was small.",
		  "Its chief", "Graham Pettifer" },
		{ "Eel numbers fell by half, said a fire engineer at Orrin State University on Monday, Dr. Imre Vasko.",
		  "Eel numbers", "Imre Vasko" },
		{ "Eel numbers fell by half, said the fisheries authority on Monday, Ana Diaz.", "Eel numbers",
		  "Ana Diaz" },
		/* a couple of a place */
		{ "Lena and Marcus Oduya of Dunmore said their heater scorched a rug.", "Lena", "Lena and Marcus Oduya" },
		/* a translation's "means the authority" ending the sentence; not "which means the agency will" */
		{ "A faulty switch can overheat and set the housing on fire, means the authority.", "A faulty",
		  "authority" },
		{ "The plan is cheap, which means the agency will lose money.", "The plan", NULL },
		/* the body in lower case a document is by; a quote a translation's "criticises" gives */
		{ "A 2024 audit by the state auditor's office showed that 63 of the 212 bridges were poor.", "A 2024",
		  "state auditor's office" },
		{ "The order comes \xE2\x80\x9Etwo years too late\xE2\x80\x9C, criticises senator Oriel Banforth, "
		  "chairwoman of the transport committee.", "The order", "Oriel Banforth" },
		/* "according to" after a pronoun's verb in a clause ("before it told regulators") */
		{ "The firm knew of the faults in 2023, two years before it told regulators, according to a report "
		  "the safety board released.", "The firm", "a report" },
		/* a document after the verb, its verb after it: no subject after the verb */
		{ "Dr. Jorun Aalders, a hydraulic engineer, said a 2023 inspection report had flagged the backup pumps on "
		  "three gates.", "Dr. Jorun", "Jorun Aalders" },
		/* a translation's "After figures of the authority" ("nach Angaben"); not "After reports of" */
		{ "After figures of the roads authority received Brandlow 6,2 million dollars.", "After figures",
		  "roads authority" },
		{ "After data of the Household Products Safety Board the model caused 37 fires.", "After data",
		  "Household Products Safety Board" },
		{ "After data from the agency showed a 12% rise, the minister said the plan would go ahead.",
		  "After data", "the minister" },
		{ "After reports of gunfire, police closed the road.", "After reports", NULL },
		/* a translation's "so" (its "according to") after the clause or between commas, and
		 * "after measurements of the authority" at the end */
		{ "The highest value was 3,4 times the limit, so the authority.", "The highest", "authority" },
		{ "The landfill has, so a spokesman of the association, room for years.", "The landfill",
		  "spokesman of the association" },
		{ "The plan is cheap, so the agency lost money.", "The plan", NULL },
		{ "The plant missed its deadline, so the inspectorate, acting on its own powers, suspended the permit.",
		  "The plant", NULL },
		{ "On 11 days the emissions lay over the limits, after measurements of the authority.", "On 11",
		  "authority" },
		/* a relative clause naming a group with a plural's apostrophe; a document that "also" found */
		{ "Tomas Reddaway, who chairs the residents' group Calvenby Clean Air, said 300 households signed.",
		  "Tomas", "Tomas Reddaway" },
		{ "The report also found that the monitors had failed on 17 days.", "The report", "report" },
		/* a pronoun before "estimates" in a translation's order */
		{ "Greta Holm said the vote would be close. The backlog she estimates at 1,3 billion dollars.",
		  "The backlog", "Greta Holm" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < NELEM(cases); i++)
		expect_speaker(i, cases[i].text, cases[i].prefix, "2026-11-20", 0, NULL, cases[i].speaker);
}

/* "he said" / "she said": the person last quoted, unless the text showed that person to be of
 * the other sex (a courtesy title, a role with a sex of its own, the pronouns of a sentence
 * naming only them): then the newest person shown to be of the pronoun's. */
static void test_speaker_pronoun_sex(void **state)
{
	static const struct {
		const char *text, *prefix, *speaker;
	} cases[] = {
		/* no sex shown: the last person quoted, as before */
		{ "Tom Hale opposed the plan. Ana Ruiz said it was sound. \"It works,\" he said.", "\"It works",
		  "Ana Ruiz" },
		/* a courtesy title shows it */
		{ "Mr. Tom Hale opposed the plan. Ms. Ana Ruiz said it was sound. \"It will not work,\" he said.",
		  "\"It will", "Tom Hale" },
		{ "Mr. Tom Hale opposed the plan. Ms. Ana Ruiz said it was sound. \"It works,\" she said.",
		  "\"It works", "Ana Ruiz" },
		/* a role with a sex of its own, before the name or in an apposition after it */
		{ "Council member Tom Hale said his ward would lose. Spokeswoman Ana Ruiz said the plan was fair. "
		  "\"We lose the depot,\" he said.", "\"We lose", "Tom Hale" },
		{ "Tom Hale, a councilman from the north ward, voted no. Ana Ruiz said her office found the plan "
		  "fair. \"We lose the depot,\" he said.", "\"We lose", "Tom Hale" },
		/* the pronouns of a sentence naming one person; not those inside its quote */
		{ "Tom Hale said his ward would lose the depot. Ana Ruiz said she had heard the complaint. "
		  "\"It is settled,\" he said.", "\"It is", "Tom Hale" },
		{ "Mr. Bo Lind spoke first. Tom Hale said: \"She was right about the depot.\" \"It is settled,\" he said.",
		  "\"It is", "Tom Hale" },
		/* a role before the name that is someone else's: "A spokeswoman for Tom Hale" */
		{ "A spokeswoman for Tom Hale said the plan was fair. Mr. Bo Lind said it was not. \"It works,\" she "
		  "said.", "\"It works", "Bo Lind" },
		/* "he" and "her" in one sentence show nothing */
		{ "Tom Hale said he had told her twice. Ana Ruiz said the plan was fair. \"It is settled,\" he said.",
		  "\"It is", "Ana Ruiz" },
		/* a surname alone finds the sex shown with the full name */
		{ "Ms. Ana Ruiz presented the plan. Mr. Tom Hale objected. Ruiz said the depot would stay. "
		  "\"Nothing changes,\" he said.", "\"Nothing", "Tom Hale" },
		/* the person the sentence before opened with, as its subject, when the text shows no
		 * other sex for them */
		{ "\"We have nothing to hide,\" said Greta Hallorann. Anselm Krook, who runs the fund, was less "
		  "kind. The fund would not lend another cent, he said.", "The fund", "Anselm Krook" },
		{ "Police said 11 people were held. The club's chief executive, Greta Hallorann, spent two hours "
		  "before the committee. She told councillors the club had lost money.", "She told", "Greta Hallorann" },
		{ "\"We have nothing to hide,\" said Greta Hallorann. The board fired Anselm Krook on Monday. "
		  "The fund would not lend another cent, she said.", "The fund", "Greta Hallorann" },
		{ "\"We have nothing to hide,\" said Mr. Tom Hale. Ms. Ana Ruiz left the board on Monday. "
		  "The fund would not lend another cent, he said.", "The fund", "Tom Hale" },
		/* not the owner of the subject */
		{ "\"We appeal,\" said Ms. Ana Ruiz. Tom Berg's lawyer filed the appeal on Monday. She said the "
		  "ruling ignored the evidence.", "She said", "Ana Ruiz" },
		/* the person the sentence before named, when no one has spoken yet */
		{ "The association has hired a lawyer, J. R. Halloway. The board ignored its own guidance, he told "
		  "the Observer.", "The board", "J. R. Halloway" },
		/* a woman named as a sentence's subject, her pronoun in the next, then her quote with
		 * no one named, after a man had spoken */
		{ "\"It could have been avoided,\" said Mr. Tom Hale. The chair, Morag Gilliver, 61, has fished "
		  "the bank since 1983. Her boat landed 14 tonnes there last year. \"If they build there, I am "
		  "finished.\" \"We are not against wind power,\" she said.", "\"We are not", "Morag Gilliver" },
		/* a pronoun opening the sentence, a colon, the quote */
		{ "The economist Dr. Imani Castell said prices would rise. She put it plainly: \xE2\x80\x9C"
		  "That is real money.\xE2\x80\x9D", "She put", "Imani Castell" },
		/* the pronoun after the verb, an adverbial after it */
		{ "Noor Halvorsen said the rise would hurt. \xC2\xABOur members are those who fall into it\xC2\xBB, "
		  "said she on Sunday to reporters before the hall.", "\xC2\xABOur", "Noor Halvorsen" },
		/* session 13 (after xblind13-15): "it said" after a body named by no name */
		{ "The agency said on Monday that a man had died. The number of cases has risen to 12, it said.",
		  "The number", "The agency" },
		/* a subject with what qualifies it */
		{ "The family that runs the mill says the county has got it wrong.", "The family", "The family" },
		{ "Residents who met outside the library on Friday said they were worried.", "Residents", "Residents" },
		{ "Residents of Brackley Fen said the mill had been there for a century.", "Residents",
		  "Residents of Brackley Fen" },
		{ "Officials at the county laboratory told reporters that the tests proved nothing.", "Officials",
		  "Officials at the county laboratory" },
		{ "Two nurses told the inquiry that they had raised the alarm.", "Two nurses", "Two nurses" },
		{ "LOWMOOR, Nov. 2 \xE2\x80\x94 The union representing the drivers of the buses that were cut said on "
		  "Monday that it would strike.", "LOWMOOR", "The union" },
		/* not a phrase that holds a title, nor a noun in "-ing" */
		{ "The state's housing ministry said in a letter that it had no objection.", "The state",
		  "The state's housing ministry" },
		/* rejecting, denying, disputing an account; describing; conceding; calling for */
		{ "Marlow Buses denied the account.", "Marlow", "Marlow Buses" },
		{ "The Allied Drivers' Union, which represents 900 drivers, rejected the board's findings.", "The Allied",
		  "Allied Drivers' Union" },
		{ "Passengers described a violent jolt, then darkness.", "Passengers", "Passengers" },
		{ "Sen. Ida Crane, who chairs the health committee, called on Tuesday for every mill to be inspected.",
		  "Sen.", "Ida Crane" },
		/* a body's name over its possessive ("Sheriff's Office") */
		{ "A spokeswoman for the Lowmoor County Sheriff\xE2\x80\x99s Office, who declined to be named, said "
		  "detectives were looking for the key.", "A spokeswoman", "Lowmoor County Sheriff\xE2\x80\x99s Office" },
		/* a person before "of" and the body after it */
		{ "Det. Sgt. Mira Colquhoun of Lowmoor police said officers had interviewed 60 witnesses.", "Det.",
		  "Mira Colquhoun" },
		/* a report's "it" */
		{ "The 38-page report says the radar was off. It also found that the crew had worked 14 hours.",
		  "It also", "The 38-page report" },
		{ "Investigators have found that the radar was off.", "Investigators", "Investigators" },
		/* a surname alone opening a sentence, of a person named before, is its subject */
		{ "Union leader Declan Brannock said the strike was about safety. Brannock, a former driver, joined "
		  "pickets on Tuesday. \"We have been patient,\" he said.", "\"We", "Declan Brannock" },
		/* the person a body's name is in apposition to, the person before a preposition's object,
		 * the subject before an auxiliary, a promise with an object */
		{ "Sgt. Tomas Brand, the president of the Lowmoor Police Association, told members that the union "
		  "would fight.", "Sgt.", "Tomas Brand" },
		{ "Ada Kerr (49), president of the Lowmoor Federation of Teachers, which represents 6,000 teachers, "
		  "said her office had taken 300 calls.", "Ada Kerr", "Ada Kerr" },
		{ "Ines Barrow, a lawyer for Det. Sgt. Lyle Whit, one of the 11 officers, said her client was innocent.",
		  "Ines", "Ines Barrow" },
		{ "Mayor Celia Aber spoke on Monday. Aber has promised to cut overtime by 10 percent.", "Aber has",
		  "Celia Aber" },
		{ "Mayor Celia Aber spoke on Monday. She promised a national search.", "She promised", "Celia Aber" },
		/* a title the lists lacked ("State Treasurer") is no part of the name */
		{ "State Treasurer Caspian Reyes told the committee on Thursday that the bill was wrong.", "State",
		  "Caspian Reyes" },
		/* a colon before the quote: the person named before it, or "His"/"Her" */
		{ "Its president, Sgt. Tomas Brand, was blunt: \"Our members worked the hours.\"", "Its", "Tomas Brand" },
		{ "\"We are safe,\" said Mr. Hugo Pell. His answer was blunt: \"The seepage was normal.\"", "His",
		  "Hugo Pell" },
		/* defending, a translation's "estimates, that"; a verb whose object follows is no inverted
		 * subject ("..., Ada Kerr, defends the count") */
		{ "State Treasurer Caspian Reyes, who chairs the board, defended the fund at a news conference.", "State",
		  "Caspian Reyes" },
		{ "The expert Dr. Anselm Drey estimates, that the overtime grew by 60 percent.", "The expert",
		  "Anselm Drey" },
		{ "The president of the commission, Ada Kerr, defends the count.", "The president", "Ada Kerr" },
		/* translations: ", so the weather service of the state.", ", reports the department.", a
		 * compound role before the name; ", the department estimated."; a semicolon after the
		 * name "according to"; a firm named before the colon after the person */
		{ "Around 45 centimetres of snow fell on the city, so the weather service of the state.", "Around",
		  "weather service of the state" },
		{ "Affected are almost 1 100 pupils, reports the department.", "Affected", "department" },
		{ "Selkirrow-chief Radomir Ruehl said before journalists, the firm accepts the findings.", "Selkirrow",
		  "Radomir Ruehl" },
		{ "Replacing the panels could cost up to $60 million, the department estimated.", "Replacing",
		  "the department" },
		{ "Eleven people were treated, according to the county's chief medical officer, Dr. Ravi Sallow; the "
		  "last went home on Tuesday.", "Eleven", "Ravi Sallow" },
		{ "Clear words found the engineer Professor Cosimo Pask of the firm Ashgill Partners: \xC2\xABThis roof "
		  "should never have come down.\xC2\xBB", "Clear", "Cosimo Pask" },
		{ "The pupils will be taught at the community centre, the head teacher, Lenka Strood, wrote to parents "
		  "on Monday night.", "The pupils", "Lenka Strood" },
		/* a quote after a sentence "according to" a document: the person who spoke last, not the
		 * document */
		{ "\"He was dying,\" said Mrs. Ffion Vell. The ambulance took 47 minutes, according to a timeline of the "
		  "ambulance service. \"We used to be ten minutes from a hospital.\"", "\"We used", "Ffion Vell" },
		/* after xblind22-24: British titles without a full stop; "Cllr."; an age before a
		 * relative clause; a person ending the phrase after an inverted verb; a name before its
		 * apposition; a sentence's gerund and a name are no person; a promise with "that" after
		 * whom to; "estimated in a report ... that"; the plural's "say", not when negated */
		{ "\u201CThis is not a leap in the dark,\u201D said Dr Honor Cruick, the chief executive.", "\u201CThis",
		  "Honor Cruick" },
		{ "Its chair, Prof Lucas Merri, told the Echo the figure was a worst case.", "Its chair", "Lucas Merri" },
		{ "\"No council is immune,\" said the council leader, Cllr. Alun Penn, 59.", "\"No", "Alun Penn" },
		{ "Rhodri Renn, 54, who chairs the Hill Farmers' Union, said 40 members had written.", "Rhodri",
		  "Rhodri Renn" },
		{ "Kofi Daco (44), who runs a building firm in Stenford, said two jobs were on hold.", "Kofi", "Kofi Daco" },
		{ "The systems shall until 4. December again run, says the IT director T. J. Fairwe.", "The systems",
		  "T. J. Fairwe" },
		{ "Tapwise, the consumer group, said the ban punished the wrong people.", "Tapwise", "Tapwise" },
		{ "Replacing Hollin's worst pipes would cost $1 billion. Hollin said it would review the ban.",
		  "Hollin said", "Hollin" },
		{ "The minister, Ada Vander, promised farmers on Wednesday that she would decide by Jan. 31.", "The minister",
		  "Ada Vander" },
		{ "The advisory panel that reviewed the plan estimated in a report published this month that wolves "
		  "would kill 400 sheep.", "The advisory", "The advisory panel" },
		{ "Critics say the plan will cost more than it saves.", "Critics", "Critics" },
		/* a review's cases: none of these is anyone's word (NULL: no speaker) */
		{ "Fans say goodbye to the old stadium on Sunday.", "Fans", NULL },
		{ "As they say in the trade, timing is everything.", "As they", NULL },
		{ "The share of adults who say they cannot afford heating rose to 30 percent.", "The share", NULL },
		{ "Two men who told police they saw the crash have not been found.", "Two men", NULL },
		{ "Police called for backup after the crowd grew.", "Police", NULL },
		{ "Arsenal conceded a late penalty.", "Arsenal", NULL },
		{ "Hollis defended the title in Glasgow on Saturday.", "Hollis", NULL },
		{ "Hale, described by neighbours as quiet, was arrested on Monday.", "Hale", NULL },
		{ "The jury rejected the charges against the second defendant.", "The jury", NULL },
		{ "Asked about Ana Ruiz, the mayor was blunt: \"She will not get the job back.\"", "Asked", NULL },
		{ "Protesters outside Tom Hale's office chanted: \"Resign now.\"", "Protesters", "Protesters" },
		{ "The mayor said on Wednesday that flu cases had doubled. The number has risen to 41, it said.",
		  "The number", NULL },
		{ "Det. Insp. Mark Olsen said the inquiry took eight months. Officers arrested Tom Hale at his home "
		  "on Monday. \"We are confident we have the right man,\" he said.", "\"We", "Mark Olsen" },
		{ "Dr. Ana Ruiz said the wards were full. Flu cases doubled in November, according to the health "
		  "department. \"We are asking people to stay home.\"", "\"We", "the health department" },
		/* a woman introduced, not as a subject, in a sentence where no one speaks: the "she" of the
		 * quote after */
		{ "\"The law is clear,\" said Ms. Ana Ruiz. In the front row sat the chair of the board, Mrs. Greta "
		  "Hallorann, who has run it for nine years. \"We counted twice,\" she said.", "\"We", "Greta Hallorann" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < NELEM(cases); i++)
		expect_speaker(i, cases[i].text, cases[i].prefix, "2026-11-20", 0, NULL, cases[i].speaker);
}

struct one_date {
	const char *prefix;
	char date[16];
};

static int one_date_cb(const struct ct_claim_draft *d, void *payload)
{
	struct one_date *w = payload;
	if (d->text_len >= strlen(w->prefix) && !memcmp(d->text, w->prefix, strlen(w->prefix)) && d->ndates)
		snprintf(w->date, sizeof(w->date), "%s", d->dates[0].resolved);
	return 0;
}

/* "until Friday" with no verb of the past is the Friday to come, even without "will". */
static void test_until_weekday(void **state)
{
	static const struct {
		const char *text, *date;
	} cases[] = {
		{ "The museum remains closed at least until Friday.", "2027-10-22" },
		{ "Roads are shut until Monday.", "2027-10-25" },
		{ "The museum stayed closed until Friday, police said.", "2027-10-15" },
		{ "The museum was shut until Friday.", "2027-10-15" },
		/* a verb of the past right after the day, in a sentence with "would": the day before */
		{ "The court on Tuesday struck down a permit that would have let the quarry grow.", "2027-10-19" },
		{ "The council on Monday voted against a plan that would close the pool.", "2027-10-18" },
		{ "The council would on Monday vote on the plan.", "2027-10-25" },
		/* "by Friday" closing an obligation is the coming Friday; not one that was had */
		{ "It must stop taking deliveries by Friday, the agency said.", "2027-10-22" },
		{ "The plant has to stop deliveries by Monday.", "2027-10-25" },
		{ "The plant had to stop deliveries by Monday.", "2027-10-18" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		struct one_date w;
		memset(&w, 0, sizeof(w));
		w.prefix = cases[i].text;
		/* published on Thursday, 21 October 2027 */
		assert_int_equal(ct_extract(cases[i].text, strlen(cases[i].text), "2027-10-21", one_date_cb, &w), 0);
		if (strcmp(w.date, cases[i].date))
			fail_msg("'%s': %s, want %s", cases[i].text, w.date, cases[i].date);
	}
}

struct one_year {
	const char *prefix;
	int year;
	char resolved[16];
};

static int one_year_cb(const struct ct_claim_draft *d, void *payload)
{
	struct one_year *w = payload;
	if (d->text_len >= strlen(w->prefix) && !memcmp(d->text, w->prefix, strlen(w->prefix)) && d->ndates) {
		w->year = d->dates[0].year;
		snprintf(w->resolved, sizeof(w->resolved), "%s", d->dates[0].resolved);
	}
	return 0;
}

/* A sentence about the future puts a month without its year, or a day of one, after the
 * publication; a verb of the past or of saying next to it keeps it in the past; so does a weekday
 * after a verb in the past, whatever the rest of the sentence says. */
static void test_future_months(void **state)
{
	static const struct {
		const char *text;
		int year;
		const char *resolved;
	} cases[] = {
		{ "She said she would introduce a bill in January.", 2028, "" },
		{ "A spokesperson said the inquiry would report by the end of February.", 2028, "" },
		/* a happening scheduled in the present, half a year or more before publication */
		{ "The trust has booked 40 coaches for the meeting, which opens on Jan. 29.", 2028, "2028-01-29" },
		{ "The committee meets again in March.", 2028, "" },
		{ "The cap covers 41,000 homes and takes effect on Feb. 1.", 2028, "2028-02-01" },
		{ "The committee met in March.", 2027, "" },
		{ "The committee meets on Oct. 3 each year and met on Jan. 29.", 2027, "2027-10-03" },
		{ "The government would review the rules by the end of June.", 2028, "" },
		{ "The airline will cancel 2,000 flights before the end of March.", 2028, "" },
		{ "The board will move the pupils on Sept. 3.", 2028, "2028-09-03" },
		{ "She introduced a bill in January.", 2027, "" },
		{ "He announced in June that the plant would close.", 2027, "" },
		{ "The plant will close by the end of 2027.", 2027, "" },
		{ "The plant will close in November.", 2027, "" },   /* after October already */
		{ "The board voted 5-2 on Tuesday night to close the school, and will move its pupils.", 2027,
		  "2027-10-19" },
		{ "The board will vote on Tuesday.", 2027, "2027-10-26" },
		/* a quarter without its year: the one to come once it is over at publication */
		{ "The firm will publish its results for the fourth quarter.", 2027, "" },
		{ "The firm will raise its prices in the second quarter.", 2028, "" },
		/* the year said in words stays what it says */
		{ "The mill, which will reopen soon, closed in March last year.", 2026, "" },
		{ "The mill will reopen on May 4 this year, the owner said.", 2027, "2027-05-04" },
		/* a compound adjective is no verb of the past; a verb with a prefix is */
		{ "The remote-controlled barges will arrive in September.", 2028, "" },
		{ "The pool, re-opened in March, will host the games.", 2027, "" },
		/* a possessive weekday names a day gone by, whatever the rest of the sentence says */
		{ "No one was hurt in Monday's fire, but the plant will stay shut.", 2027, "2027-10-18" },
		/* the day of the saying: a verb of saying closer before it than any word of the future,
		 * or the future only in a quote the day is not in */
		{ "The bridge will stay shut, the agency told reporters at a briefing on Monday afternoon.", 2027,
		  "2027-10-18" },
		{ "At a briefing on Wednesday, she told reporters: \"We will never give up.\"", 2027, "2027-10-20" },
		{ "The council will vote on the plan on Monday, the mayor said.", 2027, "2027-10-25" },
		/* a deadline half a year or more before publication is the coming one; not after a verb
		 * of the past */
		{ "He wants the list on his desk by Jan. 8.", 2028, "2028-01-08" },
		{ "The roads stay closed until 12 February.", 2028, "2028-02-12" },
		{ "The work had been finished by Feb. 3, the report said.", 2027, "2027-02-03" },
		{ "The list was due by Oct. 3.", 2027, "2027-10-03" },
		{ "The list is due by Oct. 3.", 2027, "2027-10-03" },   /* less than half a year before */
		/* a season of this year */
		{ "The firm did not report the fault until this summer.", 2027, "" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		struct one_year w;
		memset(&w, 0, sizeof(w));
		w.prefix = cases[i].text;
		/* published on Thursday, 21 October 2027 */
		assert_int_equal(ct_extract(cases[i].text, strlen(cases[i].text), "2027-10-21", one_year_cb, &w), 0);
		if (w.year != cases[i].year || strcmp(w.resolved, cases[i].resolved))
			fail_msg("'%s': %d %s, want %d %s", cases[i].text, w.year, w.resolved, cases[i].year,
				 cases[i].resolved);
	}
}

/* The claim's numbers are its quantities: an ordinal before what it ranks says which one ("the
 * first ferry", "the third quarter"), a rank alone is kept, and a fraction in words is one. */
static void test_ordinals_and_fractions(void **state)
{
	static const char text[] = "The first ferry left on Monday.\n\n"
				   "Its second audit found 14 faults in the hull.\n\n"
				   "The mare finished fifth in the derby on Saturday.\n\n"
				   "Water use fell by about a fifth in the third quarter.\n";
	struct doc *doc;
	(void)state;
	doc = extract_text(text, sizeof(text) - 1);
	assert_int_equal(doc->n, 4);
	assert_int_equal(doc->rows[0].nnumbers, 0);
	assert_string_not_equal(doc->rows[0].type, "quantity");
	assert_int_equal(doc->rows[1].nnumbers, 1);
	assert_string_equal(doc->rows[1].number_text[0], "14 faults");
	assert_int_equal(doc->rows[2].nnumbers, 1);
	assert_true(doc->rows[2].numbers[0].ordinal && doc->rows[2].numbers[0].value == 5);
	assert_int_equal(doc->rows[3].nnumbers, 1);
	assert_string_equal(doc->rows[3].number_text[0], "about a fifth");
	assert_int_equal(doc->rows[3].ndates, 1);
	assert_string_equal(doc->rows[3].date_text[0], "the third quarter");
	free(doc);
}

static void test_speakers(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < NELEM(speakers); i++) {
		const struct speaker_expect *w = &speakers[i];
		const struct row *r = find(w->fx, w->prefix);
		if (!w->speaker && r->has_speaker)
			fail_msg("%s: '%s': speaker '%s', want none", fixture_files[w->fx], r->text, r->speaker);
		if (w->speaker && (!r->has_speaker || strcmp(r->speaker, w->speaker)))
			fail_msg("%s: '%s': speaker '%s', want '%s'", fixture_files[w->fx], r->text,
				 r->has_speaker ? r->speaker : "(none)", w->speaker);
		if (w->quote) {
			assert_true(r->has_quote);
			assert_string_equal(r->quote, w->quote);
		}
	}
}

/* ---- numbers ------------------------------------------------------------------------------ */

struct number_expect {
	enum fixture fx;
	const char *prefix;
	size_t index;        /* which number of the sentence */
	const char *text;    /* its span */
	double value, high;
	const char *unit;
	const char *approx;  /* NULL: exact */
	int ordinal;
};

static const struct number_expect numbers[] = {
	{ COURIER, "Almost 2,000 train drivers", 0, "Almost 2,000 train drivers", 2000, 2000, "driver", "almost", 0 },
	{ COURIER, "Almost 2,000 train drivers", 1, "four lines", 4, 4, "line", NULL, 0 },
	{ COURIER, "Kessendale Regional Rail said 312", 0, "312 scheduled services", 312, 312, "service", NULL, 0 },
	{ COURIER, "Kessendale Regional Rail said 312", 1, "nearly 40 stations", 40, 40, "station", "nearly", 0 },
	{ COURIER, "The Union of Rail and Signal Workers rejected", 0, "4.5 percent", 4.5, 4.5, "percent", NULL, 0 },
	{ COURIER, "The Union of Rail and Signal Workers rejected", 1, "two years", 2, 2, "year", NULL, 0 },
	{ COURIER, "The operator" AP "s chief executive", 0, "about 18 million crowns", 18e6, 18e6, "crown", "about", 0 },
	{ COURIER, "Commuters between Varrow", 0, "up to 25 kilometres", 25, 25, "kilometre", "up to", 0 },
	{ COURIER, "Schools in Varrow", 0, "about 300", 300, 300, "", "about", 0 },
	{ COURIER, "The operator has said it plans", 0, "No. 3", 3, 3, "no", NULL, 0 },
	{ COURIER, "A 20-point plan", 0, "20-point", 20, 20, "point", NULL, 0 },
	{ WIRE, "Around 1,900 members", 0, "Around 1,900 members", 1900, 1900, "member", "around", 0 },
	{ WIRE, "Kessendale Regional Rail said 312", 2, "52 stations", 52, 52, "station", NULL, 0 },
	{ WIRE, "Business groups estimate", 0, "almost 4 million crowns", 4e6, 4e6, "crown", "almost", 0 },
	{ VALLEY, "\"When a driver is alone", 0, "300 passengers", 300, 300, "passenger", NULL, 0 },
	{ VALLEY, "In Varrow, shop owner", 0, "about 30 percent", 30, 30, "percent", "about", 0 },
	{ VALLEY, "The union plans a further 48-hour strike", 0, "48-hour", 48, 48, "hour", NULL, 0 },
	{ VALLEY, "\"We have been patient", 0, "two years", 2, 2, "year", NULL, 0 },
#if 0 /* known gap: "more" between the figure and the noun hides the unit ("three more weeks") */
	{ COURIER, "Mr. Brannock said", 0, "at least three more weeks", 3, 3, "week", "at least", 0 },
#endif
};

static void test_numbers(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < NELEM(numbers); i++) {
		const struct number_expect *w = &numbers[i];
		const struct row *r = find(w->fx, w->prefix);
		const struct ct_number *n;
		if (r->nnumbers <= w->index)
			fail_msg("%s: '%s': %zu numbers, want number %zu '%s'", fixture_files[w->fx], r->text, r->nnumbers,
				 w->index, w->text);
		n = &r->numbers[w->index];
		assert_string_equal(r->number_text[w->index], w->text);
		assert_true(n->value == w->value);
		assert_true(n->high == w->high);
		assert_string_equal(n->unit, w->unit);
		if (w->approx) {
			assert_non_null(n->approx);
			assert_string_equal(n->approx, w->approx);
		} else {
			assert_null(n->approx);
		}
		assert_int_equal(n->ordinal, w->ordinal);
	}
	/* An ordinal before what it ranks ("a second review") is no quantity of the claim. */
	assert_int_equal(find(WIRE, "Ilves, a retired general")->nnumbers, 0);
	/* Years and days of the month are dates, not numbers. */
	assert_int_equal(find(COURIER, "Gen. Tomas Ilves")->nnumbers, 0);
	assert_int_equal(find(WIRE, "Sen. Harriet Colby said")->nnumbers, 0);
	assert_int_equal(find(VALLEY, "The union last went on strike in 2009")->nnumbers, 0);
}

/* ---- dates -------------------------------------------------------------------------------- */

struct date_expect {
	enum fixture fx;
	const char *prefix;
	size_t index;
	const char *text;
	const char *kind;
	const char *resolved; /* "" when the day is not pinned down */
	int year, month;
	int weekday;          /* 0 = Monday, -1 none */
};

static const struct date_expect dates[] = {
	/* A weekday with its date: one expression. */
	{ COURIER, "Almost 2,000 train drivers", 0, "Monday, Oct. 13", "date", "2025-10-13", 2025, 10, 0 },
	/* Bare weekdays in a report of the past: the latest on or before Wednesday, Oct. 15. */
	{ COURIER, "Kessendale Regional Rail said 312", 0, "Monday", "weekday", "2025-10-13", 2025, 10, 0 },
	{ COURIER, "Kessendale Regional Rail said 312", 1, "Tuesday", "weekday", "2025-10-14", 2025, 10, 1 },
	{ COURIER, "She said the company had offered", 0, "Friday", "weekday", "2025-10-10", 2025, 10, 4 },
	{ COURIER, "Commuters between Varrow", 0, "Tuesday morning", "weekday", "2025-10-14", 2025, 10, 1 },
	{ COURIER, "Gen. Tomas Ilves", 0, "2023", "year", "", 2023, 0, -1 },
	{ COURIER, "The union has called further walkouts", 0, "next Tuesday", "weekday", "2025-10-21", 2025, 10, 1 },
	{ COURIER, "The operator has said it plans", 0, "by the end of 2027", "period", "", 2027, 0, -1 },
	{ COURIER, "A 20-point plan", 0, "earlier this month", "relative", "", 2025, 10, -1 },
	{ WIRE, "LENDMOUTH (Wire)", 0, "Wednesday", "weekday", "2025-10-15", 2025, 10, 2 },
	{ WIRE, "Kessendale Regional Rail said 312", 0, "by Tuesday evening", "weekday", "2025-10-14", 2025, 10, 1 },
	{ WIRE, "Sen. Harriet Colby said", 0, "Oct. 21", "date", "2025-10-21", 2025, 10, -1 },
	{ WIRE, "Ilves, a retired general", 0, "by the end of 2026", "period", "", 2026, 0, -1 },
	{ VALLEY, "About 1,900 drivers", 0, "since Monday, Oct. 13", "date", "2025-10-13", 2025, 10, 0 },
	{ VALLEY, "The union last went on strike in 2009", 0, "2009", "year", "", 2009, 0, -1 },
	{ VALLEY, "In Varrow, shop owner", 0, "since Monday", "weekday", "2025-10-13", 2025, 10, 0 },
	/* In a sentence about the future, "next Tuesday" is the one after publication. */
	{ VALLEY, "The union plans a further 48-hour strike", 0, "next Tuesday", "weekday", "2025-10-21", 2025, 10, 1 },
	/* "told reporters on Tuesday that ... would": the day of the saying stays in the past. */
	{ COURIER, "Secretary of State for Transport", 0, "Tuesday", "weekday", "2025-10-14", 2025, 10, 1 },
	{ WIRE, "Transport Minister Pieter Dahl said", 0, "Tuesday", "weekday", "2025-10-14", 2025, 10, 1 },
#if 0 /* known gap: "next Tuesday and Wednesday": Wednesday is the publication day, not the 22nd */
	{ COURIER, "The union has called further walkouts", 1, "Wednesday", "weekday", "2025-10-22", 2025, 10, 2 },
	{ WIRE, "The union has said it will strike again", 1, "Wednesday", "weekday", "2025-10-22", 2025, 10, 2 },
#endif
};

static void test_dates(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < NELEM(dates); i++) {
		const struct date_expect *w = &dates[i];
		const struct row *r = find(w->fx, w->prefix);
		const struct ct_date *d;
		if (r->ndates <= w->index)
			fail_msg("%s: '%s': %zu dates, want date %zu '%s'", fixture_files[w->fx], r->text, r->ndates,
				 w->index, w->text);
		d = &r->dates[w->index];
		assert_string_equal(r->date_text[w->index], w->text);
		assert_string_equal(d->kind, w->kind);
		assert_string_equal(d->resolved, w->resolved);
		assert_int_equal(d->year, w->year);
		assert_int_equal(d->month, w->month);
		assert_int_equal(d->weekday, w->weekday);
	}
	/* Without a publication date nothing relative is pinned down, and stated dates keep no year. */
	{
		const char *t = "Workers walked out on Monday, Oct. 13, and talks collapsed last week.";
		struct doc *doc = calloc(1, sizeof(*doc));
		assert_non_null(doc);
		assert_int_equal(ct_extract(t, strlen(t), NULL, keep, doc), 0);
		assert_int_equal(doc->n, 1);
		assert_true(doc->rows[0].ndates >= 1);
		assert_string_equal(doc->rows[0].date_text[0], "Monday, Oct. 13");
		assert_int_equal(doc->rows[0].dates[0].month, 10);
		assert_int_equal(doc->rows[0].dates[0].day, 13);
		assert_string_equal(doc->rows[0].dates[0].resolved, "");
		free(doc);
	}
}

/* ---- entities ----------------------------------------------------------------------------- */

struct entity_expect {
	enum fixture fx;
	const char *prefix;
	const char *text;   /* the whole mention */
	enum ct_entity_kind kind;
	const char *title;  /* as written, "" for none */
	const char *name;
};

static const struct entity_expect entities[] = {
	{ COURIER, "Sen. Harriet Colby", "Sen. Harriet Colby", CT_ENT_PERSON, "Sen.", "Harriet Colby" },
	{ COURIER, "The operator" AP "s chief executive", "Dr. Miriam T. Sandoval", CT_ENT_PERSON, "Dr.", "Miriam T. Sandoval" },
	{ COURIER, "Gen. Tomas Ilves", "Gen. Tomas Ilves", CT_ENT_PERSON, "Gen.", "Tomas Ilves" },
	{ COURIER, "Mr. Brannock said", "Mr. Brannock", CT_ENT_PERSON, "Mr.", "Brannock" },
	{ COURIER, "Gen. Tomas Ilves", "U.N.", CT_ENT_ORG, "", "U.N." },
	{ COURIER, "The Union of Rail and Signal Workers rejected", "Union of Rail and Signal Workers", CT_ENT_ORG, "",
	  "Union of Rail and Signal Workers" },
	{ WIRE, "Sen. Harriet Colby said", "Sen. Harriet Colby", CT_ENT_PERSON, "Sen.", "Harriet Colby" },
	{ VALLEY, "Transport Minister Pieter Dahl has", "Sen. Harriet Colby", CT_ENT_PERSON, "Sen.", "Harriet Colby" },
	{ VALLEY, "In Varrow, shop owner", "Lotte Anand", CT_ENT_PERSON, "", "Lotte Anand" },
#if 0 /* known gap: "Secretary of State for Transport" is cut after "State", "for Transport" joins the name */
	{ COURIER, "Secretary of State for Transport", "Secretary of State for Transport Alina Prewett", CT_ENT_PERSON,
	  "Secretary of State for Transport", "Alina Prewett" },
#endif
#if 0 /* known gap: a title led by a portfolio not in the modifier list ("Transport Minister") is not split */
	{ WIRE, "Transport Minister Pieter Dahl said", "Transport Minister Pieter Dahl", CT_ENT_PERSON,
	  "Transport Minister", "Pieter Dahl" },
#endif
#if 0 /* known gap: an operator named "... Regional Rail" is taken for a person */
	{ COURIER, "Kessendale Regional Rail said 312", "Kessendale Regional Rail", CT_ENT_ORG, "", "Kessendale Regional Rail" },
#endif
};

static void test_entities(void **state)
{
	size_t i, k;
	(void)state;
	for (i = 0; i < NELEM(entities); i++) {
		const struct entity_expect *w = &entities[i];
		const struct row *r = find(w->fx, w->prefix);
		const struct ent_row *e = NULL;
		for (k = 0; k < r->nents && !e; k++)
			if (!strcmp(r->ents[k].text, w->text))
				e = &r->ents[k];
		if (!e)
			fail_msg("%s: '%s': no entity '%s'", fixture_files[w->fx], r->text, w->text);
		assert_int_equal(e->kind, w->kind);
		assert_string_equal(e->title, w->title);
		assert_string_equal(e->name, w->name);
	}
}

/* ---- features as JSON --------------------------------------------------------------------- */

static int features_of_brannock(const struct ct_claim_draft *d, void *payload)
{
	cJSON **out = payload;
	if (strncmp(d->text, "Mr. Brannock said", 17))
		return 0;
	*out = cJSON_CreateObject();
	assert_non_null(*out);
	assert_int_equal(ct_extract_features(*out, d), 0);
	return 1;
}

static void test_features_json(void **state)
{
	ct_buf raw = CT_BUF_INIT, clean = CT_BUF_INIT;
	cJSON *obj = NULL, *q, *nums, *ents;
	(void)state;
	read_fixture(&raw, COURIER);
	assert_int_equal(ct_text_clean(&clean, raw.ptr, raw.len, NULL, NULL), 0);
	assert_int_equal(ct_extract(clean.ptr, clean.len, PUBLISHED, features_of_brannock, &obj), 1);
	assert_non_null(obj);
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(obj, "type")), "quote");
	q = cJSON_GetObjectItem(obj, "quote");
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(q, "speaker")), "Declan Brannock");   /* the full name said earlier */
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(q, "text")), "at least three more weeks.");
	nums = cJSON_GetObjectItem(obj, "numbers");
	assert_int_equal(cJSON_GetArraySize(nums), 1);
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(nums, 0), "approx")), "at least");
	ents = cJSON_GetObjectItem(obj, "entities");
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(ents, 0), "title")), "Mr.");
	cJSON_Delete(obj);
	ct_buf_release(&raw);
	ct_buf_release(&clean);
}

/* The streamed --json elements are the bytes cJSON_Print gives for the same tree. */
struct both {
	cJSON *array;
	ct_buf stream;
	size_t n;
};

static int both_json(const struct ct_claim_draft *d, void *payload)
{
	struct both *b = payload;
	cJSON *o = cJSON_CreateObject(), *span;
	assert_non_null(o);
	assert_non_null(cJSON_AddStringToObject(o, "text", d->text));
	assert_non_null(cJSON_AddStringToObject(o, "kind", ct_seg_kind_name(d->seg->kind)));
	assert_non_null(cJSON_AddBoolToObject(o, "is_claim", d->is_claim));
	assert_non_null(span = cJSON_AddArrayToObject(o, "span"));
	cJSON_AddItemToArray(span, cJSON_CreateNumber((double)d->seg->start));
	cJSON_AddItemToArray(span, cJSON_CreateNumber((double)d->seg->end));
	assert_non_null(cJSON_AddNumberToObject(o, "sentence", d->seg->index));
	assert_non_null(cJSON_AddNumberToObject(o, "paragraph", d->seg->paragraph));
	assert_int_equal(ct_extract_features(o, d), 0);
	cJSON_AddItemToArray(b->array, o);
	ct_buf_puts(&b->stream, b->n++ ? ", " : "[");
	assert_int_equal(ct_extract_json(&b->stream, d), 0);
	return 0;
}

static void check_stream_same(const char *text, size_t len, const char *published)
{
	struct both b = { cJSON_CreateArray(), CT_BUF_INIT, 0 };
	char *printed;
	assert_non_null(b.array);
	assert_int_equal(ct_extract(text, len, published, both_json, &b), 0);
	ct_buf_puts(&b.stream, b.n ? "]" : "[]");
	assert_int_equal(ct_buf_oom(&b.stream), 0);
	printed = cJSON_Print(b.array);
	assert_non_null(printed);
	assert_string_equal(b.stream.ptr, printed);
	cJSON_free(printed);
	cJSON_Delete(b.array);
	ct_buf_release(&b.stream);
}

static void test_stream_json(void **state)
{
	/* escapes, control bytes, a backslash, a quote with its speaker, numbers with decimals and
	 * ranges, dates with and without a resolved day, entities with titles */
	static const char odd[] =
		"Officials said \"the back\\slash\tand \x01 control\" bytes stay escaped.\n"
		"Mr. Rubio said prices rose 2.75 percent to $1.3 billion, between 10 and 20 more than in 1999.\n"
		"\"We will reopen on Friday,\" Secretary of State Ana Lind told reporters on Oct. 13.\n"
		"Nearly 40 people, about a third of the 118 staff, left at the end of 2027.\n";
	size_t i;
	(void)state;
	for (i = 0; i < NFIXTURES; i++) {
		ct_buf raw = CT_BUF_INIT, clean = CT_BUF_INIT;
		read_fixture(&raw, (enum fixture)i);
		assert_int_equal(ct_text_clean(&clean, raw.ptr, raw.len, NULL, NULL), 0);
		check_stream_same(clean.ptr, clean.len, PUBLISHED);
		check_stream_same(clean.ptr, clean.len, NULL);
		ct_buf_release(&raw);
		ct_buf_release(&clean);
	}
	check_stream_same(odd, strlen(odd), PUBLISHED);
	check_stream_same("", 0, NULL);
	/* bytes to escape at every offset within the writer's 16-byte blocks, and a sentence that
	 * is nearly all control bytes (each printed as six) */
	{
		ct_buf t = CT_BUF_INIT;
		size_t k;
		for (i = 0; i < 40; i++) {
			for (k = 0; k < i; k++)
				ct_buf_putc(&t, (char)('a' + k % 26));
			ct_buf_puts(&t, " said \"x\\y\x01\x1f\" and 12 people left on Oct. 13 ");
			for (k = 0; k < 3 * i; k++)
				ct_buf_putc(&t, (char)(k % 3 == 0 ? '"' : k % 3 == 1 ? '\\' : 0x02));
			ct_buf_puts(&t, " done.\n");
		}
		ct_buf_puts(&t, "Mr. Lind said ");
		for (k = 0; k < 5000; k++)
			ct_buf_putc(&t, (char)(1 + k % 31 == '\n' ? 0x03 : 1 + k % 31));
		ct_buf_puts(&t, " and \"quoted \\ words\" stayed.\n");
		assert_int_equal(ct_buf_oom(&t), 0);
		check_stream_same(t.ptr, t.len, PUBLISHED);
		ct_buf_release(&t);
	}
}

/* ---- line ends, empty input, furniture only, stopping --------------------------------------- */

static void test_crlf_same_as_lf(void **state)
{
	ct_buf raw = CT_BUF_INIT, lf = CT_BUF_INIT;
	const struct doc *a;
	struct doc *b;
	size_t i, k;
	(void)state;
	read_fixture(&raw, VALLEY);
	/* The fixture really is CRLF (an editor or a checkout must not have rewritten it). */
	assert_non_null(memmem(raw.ptr, raw.len, "\r\n", 2));
	for (i = 0; i < raw.len; i++)
		if (raw.ptr[i] != '\r')
			ct_buf_putc(&lf, raw.ptr[i]);
	assert_int_equal(ct_buf_oom(&lf), 0);
	assert_null(memchr(lf.ptr, '\r', lf.len));
	a = doc_of(VALLEY);
	b = extract_text(lf.ptr, lf.len);
	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		const struct row *x = &a->rows[i], *y = &b->rows[i];
		assert_string_equal(x->text, y->text);
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->paragraph, y->paragraph);
		assert_int_equal(x->is_claim, y->is_claim);
		assert_string_equal(x->type, y->type);
		assert_int_equal(x->has_speaker, y->has_speaker);
		assert_string_equal(x->speaker, y->speaker);
		assert_int_equal(x->nnumbers, y->nnumbers);
		assert_int_equal(x->ndates, y->ndates);
		for (k = 0; k < x->ndates; k++)
			assert_string_equal(x->dates[k].resolved, y->dates[k].resolved);
		assert_null(strchr(x->text, '\r'));
	}
	free(b);
	ct_buf_release(&raw);
	ct_buf_release(&lf);
}

static void test_empty_and_furniture_only(void **state)
{
	static const char furniture[] =
		"0 Comments\n"
		"The post Kessendale Rail Strike Enters Third Day With No Talks in Sight appeared first on Kessendale Courier.\n"
		"TRENDING NOW: LENDMOUTH COUNCIL VOTES TO CLOSE TWO BRANCH LIBRARIES\n"
		"Share this article\n";
	struct doc *doc = calloc(1, sizeof(*doc));
	size_t i;
	(void)state;
	assert_non_null(doc);
	assert_int_equal(ct_extract("", 0, PUBLISHED, keep, doc), 0);
	assert_int_equal(doc->n, 0);
	assert_int_equal(ct_extract(NULL, 0, PUBLISHED, keep, doc), 0);
	assert_int_equal(doc->n, 0);
	assert_int_equal(ct_extract("\n\n  \n", 5, PUBLISHED, keep, doc), 0);
	assert_int_equal(doc->n, 0);
	assert_int_equal(ct_extract(furniture, strlen(furniture), PUBLISHED, keep, doc), 0);
	assert_int_equal(doc->n, 4);
	for (i = 0; i < doc->n; i++)
		assert_false(doc->rows[i].is_claim);
	assert_int_equal(doc->rows[0].kind, CT_SEG_FURNITURE);
	assert_int_equal(doc->rows[1].kind, CT_SEG_FURNITURE);
	assert_int_equal(doc->rows[2].kind, CT_SEG_TEASER);
	assert_int_equal(doc->rows[3].kind, CT_SEG_FURNITURE);
	free(doc);
}

struct stopper {
	unsigned seen, stop_at;
};

static int stop_cb(const struct ct_claim_draft *d, void *payload)
{
	struct stopper *s = payload;
	assert_int_equal(d->seg->index, s->seen);
	return ++s->seen == s->stop_at ? -7 : 0;
}

/* Figures the tokeniser's flags do not show are still found when the sentence has no other
 * figure, number or date word: after a currency sign it reads as a letter ("£5" is one word to
 * it), and inside a hyphenated word ("mid-2027"). */
static void test_hidden_figures(void **state)
{
	static const char text[] = "The ticket cost \xc2\xa3" "5 for each rider on the coast line.\n\n"
				   "The works will finish by mid-2027 at the latest.\n";
	struct doc *doc = calloc(1, sizeof(*doc));
	(void)state;
	assert_non_null(doc);
	assert_int_equal(ct_extract(text, strlen(text), PUBLISHED, keep, doc), 0);
	assert_int_equal(doc->n, 2);
	assert_int_equal(doc->rows[0].nnumbers, 1);
	assert_true(doc->rows[0].numbers[0].value == 5);
	assert_string_equal(doc->rows[0].numbers[0].unit, "gbp");
	assert_string_equal(doc->rows[0].type, "quantity");
	assert_int_equal(doc->rows[1].ndates, 1);
	assert_string_equal(doc->rows[1].date_text[0], "by mid-2027");
	assert_int_equal(doc->rows[1].dates[0].year, 2027);
	free(doc);
}

static void test_callback_stops(void **state)
{
	ct_buf raw = CT_BUF_INIT, clean = CT_BUF_INIT;
	struct stopper s = { 0, 5 };
	(void)state;
	read_fixture(&raw, WIRE);
	assert_int_equal(ct_text_clean(&clean, raw.ptr, raw.len, NULL, NULL), 0);
	/* The callback's value comes back unchanged, and no segment follows it. */
	assert_int_equal(ct_extract(clean.ptr, clean.len, PUBLISHED, stop_cb, &s), -7);
	assert_int_equal(s.seen, 5);
	s.seen = 0;
	s.stop_at = 1;
	assert_int_equal(ct_extract(clean.ptr, clean.len, PUBLISHED, stop_cb, &s), -7);
	assert_int_equal(s.seen, 1);
	ct_buf_release(&raw);
	ct_buf_release(&clean);
}

static int teardown(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < NFIXTURES; i++) {
		free(docs[i]);
		docs[i] = NULL;
	}
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_courier_segments),
		cmocka_unit_test(test_wire_segments),
		cmocka_unit_test(test_valley_segments),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_type_rules),
		cmocka_unit_test(test_quoted_questions),
		cmocka_unit_test(test_speakers),
		cmocka_unit_test(test_speaker_rules),
		cmocka_unit_test(test_speaker_pronoun_sex),
		cmocka_unit_test(test_reported_speech_forms),
		cmocka_unit_test(test_until_weekday),
		cmocka_unit_test(test_future_months),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_ordinals_and_fractions),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_entities),
		cmocka_unit_test(test_features_json),
		cmocka_unit_test(test_stream_json),
		cmocka_unit_test(test_crlf_same_as_lf),
		cmocka_unit_test(test_empty_and_furniture_only),
		cmocka_unit_test(test_hidden_figures),
		cmocka_unit_test(test_callback_stops),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
