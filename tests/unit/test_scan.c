/* Scan validation and classification. */
#include "../t.h"
#include "../../station/scan.h"

static struct carrier_set cs;

static int
fake_catalogue(void *arg, const char *code)
{
	(void)arg;
	return strcmp(code, "6901234567892") == 0 ||
	    strcmp(code, "7123456789012") == 0;
}

static int
classify(const char *s, struct scan *sc, char *cause)
{
	return scan_classify(s, &cs, "R", fake_catalogue, NULL, sc, cause, 512);
}

static void
test_validate(void)
{
	const char *why;
	char big[300];

	CHECK(scan_validate("SF1234567890123", 15, &why) == 0);
	CHECK(scan_validate("%ACC:遥控器", strlen("%ACC:遥控器"), &why) == 0);
	CHECK(scan_validate("", 0, &why) == -1);
	CHECK_CONTAINS(why, "empty");
	memset(big, 'A', sizeof(big));
	CHECK(scan_validate(big, 257, &why) == -1);
	CHECK_CONTAINS(why, "too long");
	CHECK(scan_validate(big, 256, &why) == 0);
	CHECK(scan_validate("AB\0CD", 5, &why) == -1);
	CHECK_CONTAINS(why, "NUL");
	CHECK(scan_validate("AB\x01" "CD", 5, &why) == -1);
	CHECK_CONTAINS(why, "control");
	CHECK(scan_validate("AB\x1b[2J", 6, &why) == -1);
	CHECK(scan_validate("AB\x7f", 3, &why) == -1);
	CHECK(scan_validate("\xc2\x85", 2, &why) == -1);	/* C1 NEL */
	CHECK(scan_validate("\xff\xfe", 2, &why) == -1);
	CHECK_CONTAINS(why, "UTF-8");
	CHECK(scan_validate("\xc0\xaf", 2, &why) == -1);	/* overlong */
	CHECK(scan_validate("\xe0\x80\xaf", 3, &why) == -1);
	CHECK(scan_validate("\xed\xa0\x80", 3, &why) == -1);	/* surrogate */
	CHECK(scan_validate("\xf4\x90\x80\x80", 4, &why) == -1);
	CHECK(scan_validate("\xe7\xbb", 2, &why) == -1);	/* truncated */
	CHECK(scan_validate("A\xe7\xbb", 3, &why) == -1);
	CHECK(scan_validate("\xf0\x9f\x92\xa1", 4, &why) == 0); /* U+1F4A1 */
}

static void
test_carriers(void)
{
	static const struct { const char *wb, *carrier; } good[] = {
		{ "SF1234567890123", "SF" }, { "sf123456789012", "SF" },
		{ "JDVA12345678901", "JD" }, { "JD0012345678901-1-1-", "JD" },
		{ "YT1234567890123", "YTO" }, { "YT123456789012345", "YTO" },
		{ "EA123456789CN", "EMS" }, { "1123456789012", "EMS" },
		{ "751234567890", "ZTO" }, { "73123456789012", "ZTO" },
		{ "7712345678901", "STO" }, { "5512345678901", "STO" },
		{ "3112345678901", "Yunda" }, { "431234567890123", "Yunda" },
		{ "JT0012345678901", "J&T" }, { "jt5012345678901", "J&T" },
		{ "773012345678901", "STO" }, { "2681234567890", "STO" },
		{ "4312345678901", "Yunda" }, { "4681234567890", "STO" },
	};
	static const char *const bad[] = {
		"SF12345", "SF12345678901234", "JD123", "YT12", "EA12345678CN",
		"12345", "6123456789012", "HELLO", "SF-1234567890123",
		"JT001234567890", "JT00123456789012",
		"'; DROP TABLE cases; --", "R2026112-0001",
	};
	struct scan sc;
	char cause[512];

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (classify(good[i].wb, &sc, cause) != 0)
			printf("#   %s: %s\n", good[i].wb, cause);
		CHECK(classify(good[i].wb, &sc, cause) == 0);
		CHECK(sc.cls == SCAN_WAYBILL);
		CHECK_STR(sc.carrier, good[i].carrier);
	}
	CHECK(classify("sf1234567890123", &sc, cause) == 0);
	CHECK_STR(sc.arg, "SF1234567890123");	/* stored upper-case */
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(classify(bad[i], &sc, cause) == -1);
		CHECK_CONTAINS(cause, "unrecognised");
	}
}

static void
test_commands(void)
{
	struct scan sc;
	char cause[512];

	CHECK(classify("%KIND:REPAIR", &sc, cause) == 0);
	CHECK(sc.cls == SCAN_COMMAND && sc.cmd == CMD_KIND);
	CHECK_STR(scan_kinds[sc.idx], "repair");
	CHECK(classify("%kind:noreason7", &sc, cause) == 0);
	CHECK_STR(scan_kinds[sc.idx], "noreason7");
	CHECK(classify("%KIND:REFUND", &sc, cause) == -1);
	CHECK_CONTAINS(cause, "unknown kind");
	CHECK(classify("%KIND:", &sc, cause) == -1);
	CHECK(classify("%KIND", &sc, cause) == -1);
	CHECK_CONTAINS(cause, "needs a value");
	for (int i = 0; scan_conds[i]; i++) {
		char s[64];

		snprintf(s, sizeof(s), "%%COND:%s", scan_conds[i]);
		CHECK(classify(s, &sc, cause) == 0);
		CHECK(sc.cmd == CMD_COND && sc.idx == i);
	}
	CHECK(classify("%COND:BROKEN", &sc, cause) == -1);
	CHECK(classify("%CCT:1000", &sc, cause) == 0 && sc.num == 1000);
	CHECK(classify("%CCT:20000", &sc, cause) == 0 && sc.num == 20000);
	CHECK(classify("%CCT:4000K", &sc, cause) == 0 && sc.num == 4000);
	CHECK(classify("%CCT:999", &sc, cause) == -1);
	CHECK_CONTAINS(cause, "1000 to 20000");
	CHECK(classify("%CCT:20001", &sc, cause) == -1);
	CHECK(classify("%CCT:-4000", &sc, cause) == -1);
	CHECK(classify("%CCT:4000.5", &sc, cause) == -1);
	CHECK(classify("%CCT:99999999999999999999", &sc, cause) == -1);
	CHECK(classify("%QTY:1", &sc, cause) == 0 && sc.num == 1);
	CHECK(classify("%QTY:9999", &sc, cause) == 0);
	CHECK(classify("%QTY:0", &sc, cause) == -1);
	CHECK(classify("%QTY:10000", &sc, cause) == -1);
	CHECK(classify("%QTY:3x", &sc, cause) == -1);
	CHECK(classify("%MODEL:lx-fl100", &sc, cause) == 0);
	CHECK(sc.cmd == CMD_MODEL);
	CHECK_STR(sc.arg, "LX-FL100");
	CHECK(classify("%ACC:remote; 遥控器", &sc, cause) == 0);
	CHECK_STR(sc.arg, "remote; 遥控器");
	CHECK(classify("%DONE", &sc, cause) == 0 && sc.cmd == CMD_DONE);
	CHECK(classify("%done", &sc, cause) == 0 && sc.cmd == CMD_DONE);
	CHECK(classify("%DONE:now", &sc, cause) == -1);
	CHECK(classify("%CANCEL", &sc, cause) == 0 && sc.cmd == CMD_CANCEL);
	CHECK(classify("%REPRINT", &sc, cause) == 0 && sc.cmd == CMD_REPRINT);
	CHECK(classify("%ACCEPT", &sc, cause) == 0 && sc.cmd == CMD_ACCEPT);
	CHECK(classify("%FOO", &sc, cause) == -1);
	CHECK_CONTAINS(cause, "unknown command");
	CHECK(classify("%", &sc, cause) == -1);
}

static void
test_order(void)
{
	struct scan sc;
	char cause[512];

	CHECK(classify("%OP:1001", &sc, cause) == 0 && sc.cls == SCAN_BADGE);
	CHECK_STR(sc.arg, "1001");
	CHECK(classify("%op:A7", &sc, cause) == 0 && sc.cls == SCAN_BADGE);
	CHECK(classify("%OP:", &sc, cause) == -1);
	CHECK(classify("R20261123-0001", &sc, cause) == 0 && sc.cls == SCAN_CASE);
	CHECK(classify("r20261123-000123", &sc, cause) == 0);
	CHECK_STR(sc.arg, "R20261123-000123");
	CHECK(classify("R20261123-01", &sc, cause) == -1);
	/* a catalogue barcode wins over a waybill of the same shape */
	CHECK(classify("7123456789012", &sc, cause) == 0);
	CHECK(sc.cls == SCAN_PRODUCT);
	CHECK(classify("6901234567892", &sc, cause) == 0);
	CHECK(sc.cls == SCAN_PRODUCT);
	CHECK(classify("7123456789013", &sc, cause) == -1);
}

static void
test_custom_carriers(void)
{
	struct carrier_set own, central;
	char cause[256];

	memset(&own, 0, sizeof(own));
	CHECK(carrier_set_add(&own, "DB", "^DPK[0-9]{10}$") == 0);
	CHECK(carrier_set_compile(&own, cause, sizeof(cause)) == 0);
	CHECK(carrier_match(&own, "DPK1234567890") != NULL);
	CHECK(carrier_match(&own, "SF1234567890123") == NULL);
	/* the carriers kept centrally, after the station's own */
	memset(&central, 0, sizeof(central));
	CHECK(carrier_set_add(&central, "KY", "^KY[0-9]{11}$") == 0);
	CHECK(carrier_set_add(&central, "DB2", "^DPK[0-9]{10}$") == 0);
	CHECK(carrier_set_compile(&central, cause, sizeof(cause)) == 0);
	CHECK(carrier_match(&own, "KY12345678901") == NULL);
	atomic_store(&own.more, &central);
	CHECK_STR(carrier_match(&own, "KY12345678901"), "KY");
	CHECK_STR(carrier_match(&own, "DPK1234567890"), "DB");
	CHECK(carrier_match(&own, "KY1234567890") == NULL);
	atomic_store(&own.more, NULL);
	carrier_set_free(&central);
	carrier_set_free(&own);
	CHECK(carrier_set_add(&own, "BAD", "^(SF[0-9]+$") == 0);
	CHECK(carrier_set_compile(&own, cause, sizeof(cause)) == -1);
	CHECK_CONTAINS(cause, "BAD");
	CHECK(own.n == 0);
}

int
main(void)
{
	carrier_set_defaults(&cs);
	RUN(test_validate);
	RUN(test_carriers);
	RUN(test_commands);
	RUN(test_order);
	RUN(test_custom_carriers);
	carrier_set_free(&cs);
	return T_DONE();
}
