/* The relatedness lexicon of the pair scorer: which stems name the same kind of thing or event in
 * news English, so that paraphrases and translations with other words still meet. */
#include "align/related.h"

#include <stdlib.h>
#include <string.h>

/* The groups are general news vocabulary, written by hand: words a reporter, a rewriter or a
 * translator uses for one another ("ran aground" / "hit the rocks", "the blaze" / "the fire",
 * "restored" / "back", "an apology" / "an excuse", "the backup" / "the reserve"). They are looser
 * than the synonym classes of compare.c, which fold a word into another outright: here a shared
 * concept earns a pair part of a shared word's credit, only for words left unmatched otherwise,
 * and makes a reworded word in a quote a rendering rather than drift. Words with a common other
 * sense that would join unrelated sentences are left out ("source", "current", "due", "march",
 * "officer", "head"). Stems are Snowball's: "relat" is "relatives" and also "related", which a
 * pair only meets when both words are left over otherwise. A stem may belong to two groups ("strike": a collision, an attack; "cut":
 * an outage, a reduction). */
struct related {
	const char *stem;
	unsigned char c1, c2;
};

enum concept {
	C_NONE,
	C_ACCIDENT, C_AGREEMENT, C_AGROUND, C_AIRCRAFT, C_ANNOUNCE, C_APOLOGY, C_ARREST, C_ATTACK,
	C_BACKUP, C_BAN, C_BEND, C_BUILD, C_CANCEL, C_CHARGE, C_COST, C_COURT, C_CRITICISE, C_CUSTOMER,
	C_DAMAGE, C_DELAY, C_DEMAND, C_DERAIL, C_DOCTOR, C_ELECTION, C_ELECTRICITY, C_EVACUATE,
	C_EVERYONE, C_EXPERT, C_EXTINGUISH, C_FIGHT, C_FIRE, C_FIREFIGHTER, C_FLOOD, C_HOSPITAL,
	C_INSPECT, C_JOURNALIST, C_LAW, C_LEADER, C_LOOT, C_MONEY, C_OUTAGE, C_POLICE, C_PRAISE, C_PRISON,
	C_PROFIT, C_PROTEST, C_RAIN, C_REDUCE, C_RELATIVE, C_REPAIR, C_REPLACE, C_RESCUE, C_RESIGN, C_RESTORE, C_ROAD,
	C_SETTLEMENT, C_SITE, C_STORM, C_STRIKE, C_SUPERLATIVE, C_SUPPLY, C_SUSPEND, C_TALKS, C_TAX,
	C_THREAT, C_UPGRADE, C_VESSEL, C_VISIT, C_WARN, C_WIN,
};

static const struct related related[] = {
	{ "abandon", C_CANCEL, C_NONE }, { "accid", C_ACCIDENT, C_NONE },
	{ "accord", C_AGREEMENT, C_NONE }, { "accus", C_CHARGE, C_NONE },
	{ "agreement", C_AGREEMENT, C_NONE }, { "aground", C_AGROUND, C_STRIKE },
	{ "aircraft", C_AIRCRAFT, C_NONE }, { "airlift", C_RESCUE, C_NONE },
	{ "airlin", C_AIRCRAFT, C_NONE }, { "alert", C_WARN, C_NONE }, { "announc", C_ANNOUNCE, C_NONE },
	{ "apolog", C_APOLOGY, C_NONE }, { "apologis", C_APOLOGY, C_NONE },
	{ "arrest", C_ARREST, C_NONE }, { "assault", C_ATTACK, C_NONE }, { "assess", C_INSPECT, C_NONE },
	{ "attack", C_ATTACK, C_NONE }, { "audit", C_INSPECT, C_NONE }, { "axe", C_CANCEL, C_NONE },
	{ "back", C_RESTORE, C_NONE }, { "backup", C_BACKUP, C_NONE }, { "ballot", C_ELECTION, C_NONE },
	{ "ban", C_BAN, C_NONE }, { "battl", C_FIGHT, C_NONE }, { "beat", C_WIN, C_NONE },
	{ "bend", C_BEND, C_NONE }, { "big", C_SUPERLATIVE, C_NONE },
	{ "biggest", C_SUPERLATIVE, C_NONE }, { "bill", C_LAW, C_COST }, { "blackout", C_OUTAGE, C_NONE },
	{ "blaze", C_FIRE, C_NONE }, { "boat", C_VESSEL, C_NONE }, { "bomb", C_ATTACK, C_NONE },
	{ "boss", C_LEADER, C_NONE }, { "break-in", C_LOOT, C_NONE }, { "brigad", C_FIREFIGHTER, C_NONE },
	{ "budget", C_MONEY, C_NONE }, { "build", C_BUILD, C_NONE }, { "burglari", C_LOOT, C_NONE },
	{ "burn", C_FIRE, C_NONE }, { "cancel", C_CANCEL, C_NONE }, { "cash", C_MONEY, C_NONE },
	{ "caution", C_WARN, C_NONE }, { "chairman", C_LEADER, C_NONE }, { "charg", C_CHARGE, C_NONE },
	{ "check", C_INSPECT, C_NONE }, { "chief", C_LEADER, C_NONE }, { "citi", C_SETTLEMENT, C_NONE },
	{ "client", C_CUSTOMER, C_NONE }, { "clinic", C_HOSPITAL, C_NONE },
	{ "collid", C_STRIKE, C_NONE }, { "collis", C_STRIKE, C_ACCIDENT }, { "combat", C_FIGHT, C_NONE },
	{ "commend", C_PRAISE, C_NONE }, { "condemn", C_CRITICISE, C_NONE },
	{ "constabulari", C_POLICE, C_NONE }, { "construct", C_BUILD, C_NONE },
	{ "consum", C_CUSTOMER, C_NONE }, { "corner", C_BEND, C_NONE }, { "cost", C_COST, C_NONE },
	{ "court", C_COURT, C_NONE }, { "craft", C_VESSEL, C_NONE }, { "crash", C_STRIKE, C_ACCIDENT },
	{ "critic", C_CRITICISE, C_NONE }, { "criticis", C_CRITICISE, C_NONE },
	{ "curv", C_BEND, C_NONE }, { "custodi", C_ARREST, C_NONE }, { "custom", C_CUSTOMER, C_NONE },
	{ "cut", C_OUTAGE, C_REDUCE }, { "cyclon", C_STORM, C_NONE }, { "damag", C_DAMAGE, C_NONE },
	{ "danger", C_THREAT, C_NONE }, { "dark", C_OUTAGE, C_NONE },
	{ "deadliest", C_SUPERLATIVE, C_NONE }, { "deal", C_AGREEMENT, C_NONE },
	{ "declar", C_ANNOUNCE, C_NONE }, { "defeat", C_WIN, C_NONE }, { "defer", C_DELAY, C_NONE },
	{ "delay", C_DELAY, C_NONE }, { "demand", C_DEMAND, C_NONE }, { "demonstr", C_PROTEST, C_NONE },
	{ "denounc", C_CRITICISE, C_NONE }, { "derail", C_DERAIL, C_NONE },
	{ "destroy", C_DAMAGE, C_NONE }, { "detain", C_ARREST, C_NONE }, { "detect", C_POLICE, C_NONE },
	{ "devast", C_DAMAGE, C_NONE }, { "director", C_LEADER, C_NONE },
	{ "disclos", C_ANNOUNCE, C_NONE }, { "displac", C_EVACUATE, C_NONE },
	{ "doctor", C_DOCTOR, C_NONE }, { "dous", C_EXTINGUISH, C_NONE }, { "downpour", C_RAIN, C_NONE },
	{ "earn", C_PROFIT, C_NONE }, { "elect", C_ELECTION, C_NONE },
	{ "electr", C_ELECTRICITY, C_NONE }, { "energi", C_ELECTRICITY, C_NONE },
	{ "erect", C_BUILD, C_NONE }, { "evacu", C_RESCUE, C_EVACUATE },
	{ "everybodi", C_EVERYONE, C_NONE }, { "everyon", C_EVERYONE, C_NONE },
	{ "examin", C_INSPECT, C_NONE }, { "excus", C_APOLOGY, C_NONE }, { "execut", C_LEADER, C_NONE },
	{ "expens", C_COST, C_NONE }, { "expert", C_EXPERT, C_NONE },
	{ "extinguish", C_EXTINGUISH, C_NONE }, { "famili", C_RELATIVE, C_NONE }, { "feed", C_SUPPLY, C_NONE },
	{ "ferri", C_VESSEL, C_NONE }, { "fight", C_FIGHT, C_NONE }, { "financ", C_MONEY, C_NONE },
	{ "fire", C_FIRE, C_NONE }, { "firefight", C_FIREFIGHTER, C_NONE },
	{ "fireman", C_FIREFIGHTER, C_NONE }, { "firemen", C_FIREFIGHTER, C_NONE },
	{ "fix", C_REPAIR, C_NONE }, { "flame", C_FIRE, C_NONE }, { "fled", C_EVACUATE, C_NONE },
	{ "flood", C_FLOOD, C_NONE }, { "forbid", C_BAN, C_NONE }, { "fought", C_FIGHT, C_NONE },
	{ "freed", C_RESCUE, C_NONE }, { "fund", C_MONEY, C_NONE }, { "gale", C_STORM, C_NONE },
	{ "grant", C_MONEY, C_NONE }, { "greatest", C_SUPERLATIVE, C_NONE },
	{ "ground", C_AGROUND, C_NONE }, { "halt", C_SUSPEND, C_NONE }, { "hazard", C_THREAT, C_NONE },
	{ "heaviest", C_SUPERLATIVE, C_NONE }, { "highway", C_ROAD, C_NONE }, { "hit", C_STRIKE, C_NONE },
	{ "hospit", C_HOSPITAL, C_NONE }, { "hurrican", C_STORM, C_NONE },
	{ "imprison", C_PRISON, C_NONE }, { "incid", C_ACCIDENT, C_NONE }, { "incom", C_PROFIT, C_NONE },
	{ "indict", C_CHARGE, C_NONE }, { "inferno", C_FIRE, C_NONE }, { "inspect", C_INSPECT, C_NONE },
	{ "interrupt", C_SUSPEND, C_NONE }, { "inund", C_FLOOD, C_NONE }, { "jail", C_PRISON, C_NONE },
	{ "jet", C_AIRCRAFT, C_NONE }, { "journalist", C_JOURNALIST, C_NONE },
	{ "judg", C_COURT, C_NONE }, { "largest", C_SUPERLATIVE, C_NONE }, { "laud", C_PRAISE, C_NONE },
	{ "law", C_LAW, C_NONE }, { "leader", C_LEADER, C_NONE }, { "legisl", C_LAW, C_NONE },
	{ "levi", C_TAX, C_NONE }, { "lifeboat", C_VESSEL, C_NONE }, { "liner", C_VESSEL, C_NONE },
	{ "locat", C_SITE, C_NONE }, { "loot", C_LOOT, C_NONE }, { "lower", C_REDUCE, C_NONE },
	{ "medic", C_DOCTOR, C_NONE }, { "meet", C_TALKS, C_NONE }, { "mend", C_REPAIR, C_NONE },
	{ "mishap", C_ACCIDENT, C_NONE }, { "modern", C_UPGRADE, C_NONE },
	{ "modernis", C_UPGRADE, C_NONE }, { "money", C_MONEY, C_NONE }, { "motorway", C_ROAD, C_NONE },
	{ "negoti", C_TALKS, C_NONE }, { "outag", C_OUTAGE, C_NONE }, { "outlaw", C_BAN, C_NONE },
	{ "overhaul", C_UPGRADE, C_NONE }, { "pact", C_AGREEMENT, C_NONE }, { "paid", C_MONEY, C_NONE },
	{ "paramed", C_DOCTOR, C_NONE }, { "paus", C_SUSPEND, C_NONE }, { "pay", C_MONEY, C_NONE },
	{ "physician", C_DOCTOR, C_NONE }, { "pillag", C_LOOT, C_NONE }, { "place", C_SITE, C_NONE },
	{ "plane", C_AIRCRAFT, C_NONE }, { "plunder", C_LOOT, C_NONE }, { "polic", C_POLICE, C_NONE },
	{ "poll", C_ELECTION, C_NONE }, { "postpon", C_DELAY, C_NONE },
	{ "power", C_ELECTRICITY, C_NONE }, { "prais", C_PRAISE, C_NONE }, { "price", C_COST, C_NONE },
	{ "prison", C_PRISON, C_NONE }, { "profit", C_PROFIT, C_NONE }, { "prohibit", C_BAN, C_NONE },
	{ "prosecut", C_CHARGE, C_NONE }, { "protest", C_PROTEST, C_NONE },
	{ "provid", C_SUPPLY, C_NONE }, { "quench", C_EXTINGUISH, C_NONE }, { "quit", C_RESIGN, C_NONE },
	{ "raid", C_ATTACK, C_NONE }, { "rail", C_DERAIL, C_NONE }, { "rain", C_RAIN, C_NONE },
	{ "rainfal", C_RAIN, C_NONE }, { "ralli", C_PROTEST, C_NONE }, { "ram", C_STRIKE, C_NONE },
	{ "ransack", C_LOOT, C_NONE }, { "reconnect", C_RESTORE, C_NONE }, { "reduc", C_REDUCE, C_NONE },
	{ "reef", C_AGROUND, C_NONE }, { "refit", C_UPGRADE, C_NONE }, { "regret", C_APOLOGY, C_NONE }, { "relat", C_RELATIVE, C_NONE },
	{ "renov", C_UPGRADE, C_NONE }, { "repair", C_REPAIR, C_NONE }, { "replac", C_REPLACE, C_NONE },
	{ "report", C_JOURNALIST, C_NONE }, { "request", C_DEMAND, C_NONE },
	{ "rescu", C_RESCUE, C_NONE }, { "reserv", C_BACKUP, C_NONE }, { "resign", C_RESIGN, C_NONE },
	{ "restor", C_RESTORE, C_NONE }, { "resum", C_RESTORE, C_NONE }, { "return", C_RESTORE, C_NONE },
	{ "reveal", C_ANNOUNCE, C_NONE }, { "revenu", C_PROFIT, C_NONE }, { "review", C_INSPECT, C_NONE },
	{ "risk", C_THREAT, C_NONE }, { "road", C_ROAD, C_NONE }, { "rob", C_LOOT, C_NONE },
	{ "rock", C_AGROUND, C_NONE }, { "ruin", C_DAMAGE, C_NONE }, { "save", C_RESCUE, C_NONE },
	{ "scene", C_SITE, C_NONE }, { "scrap", C_CANCEL, C_NONE }, { "ship", C_VESSEL, C_NONE },
	{ "shoal", C_AGROUND, C_NONE }, { "site", C_SITE, C_NONE }, { "slash", C_REDUCE, C_NONE },
	{ "smash", C_STRIKE, C_NONE }, { "sorri", C_APOLOGY, C_NONE }, { "spare", C_BACKUP, C_NONE },
	{ "specialist", C_EXPERT, C_NONE }, { "spend", C_MONEY, C_NONE }, { "standbi", C_BACKUP, C_NONE },
	{ "stolen", C_LOOT, C_NONE }, { "stop", C_SUSPEND, C_NONE }, { "storm", C_STORM, C_NONE },
	{ "street", C_ROAD, C_NONE }, { "strike", C_STRIKE, C_ATTACK }, { "struck", C_STRIKE, C_NONE },
	{ "submerg", C_FLOOD, C_NONE }, { "subscrib", C_CUSTOMER, C_NONE },
	{ "substitut", C_REPLACE, C_NONE }, { "summit", C_TALKS, C_NONE }, { "suppli", C_SUPPLY, C_NONE },
	{ "survey", C_INSPECT, C_NONE }, { "suspend", C_SUSPEND, C_NONE }, { "tackl", C_FIGHT, C_NONE },
	{ "talk", C_TALKS, C_NONE }, { "tanker", C_VESSEL, C_NONE }, { "tax", C_TAX, C_NONE },
	{ "tempest", C_STORM, C_NONE }, { "thank", C_PRAISE, C_NONE }, { "theft", C_LOOT, C_NONE },
	{ "threat", C_THREAT, C_NONE }, { "tour", C_VISIT, C_NONE }, { "town", C_SETTLEMENT, C_NONE },
	{ "treat", C_HOSPITAL, C_NONE }, { "treati", C_AGREEMENT, C_NONE },
	{ "treatment", C_HOSPITAL, C_NONE }, { "tribun", C_COURT, C_NONE }, { "trim", C_REDUCE, C_NONE },
	{ "typhoon", C_STORM, C_NONE }, { "underwat", C_FLOOD, C_NONE }, { "unveil", C_ANNOUNCE, C_NONE },
	{ "upgrad", C_UPGRADE, C_NONE }, { "urg", C_DEMAND, C_NONE }, { "vessel", C_VESSEL, C_NONE },
	{ "victori", C_WIN, C_NONE }, { "villag", C_SETTLEMENT, C_NONE }, { "visit", C_VISIT, C_NONE },
	{ "vote", C_ELECTION, C_NONE }, { "warn", C_WARN, C_NONE }, { "win", C_WIN, C_NONE },
	{ "winch", C_RESCUE, C_NONE }, { "won", C_WIN, C_NONE }, { "worst", C_SUPERLATIVE, C_NONE },
	{ "wreck", C_DAMAGE, C_NONE },
};

static int cmp_related(const void *key, const void *elem)
{
	return strcmp(key, ((const struct related *)elem)->stem);
}

int ct_related_concepts(const char *stem, size_t n, unsigned char out[2])
{
	char key[32];
	const struct related *r;
	out[0] = out[1] = C_NONE;
	if (!n || n >= sizeof(key))
		return 0;
	memcpy(key, stem, n);
	key[n] = '\0';
	r = bsearch(key, related, sizeof(related) / sizeof(related[0]), sizeof(related[0]), cmp_related);
	if (!r)
		return 0;
	out[0] = r->c1;
	out[1] = r->c2;
	return r->c2 != C_NONE ? 2 : 1;
}

int ct_related_table_sorted(void)
{
	size_t i;
	for (i = 1; i < sizeof(related) / sizeof(related[0]); i++)
		if (strcmp(related[i - 1].stem, related[i].stem) >= 0)
			return 0;
	return 1;
}
