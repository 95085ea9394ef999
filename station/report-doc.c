/*
 * The weekly or monthly report as a document to hand to the head: the
 * period's totals, its charts, the top lists with their Pareto share, the
 * time rules and the cases that missed them. Gathered here; the printer
 * side lays it out (labels/doc.c) and draws the charts.
 */
#include <stdio.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/clock.h"
#include "../common/money.h"
#include "../db/db.h"
#include "../labels/label.h"
#include "docmsg.h"
#include "report.h"

static const char *
name(const struct report_fig *f, int en)
{
	return en ? f->k->en : f->k->zh;
}

/* A single figure's value as the terminal shows it. */
static void
value(const struct report_fig *f, int en, char *out, size_t len)
{
	char s[32];

	switch (f->k->shape) {
	case DB_KPI_RATE:
		report_pct((int64_t)f->value, f->base, s, sizeof(s));
		snprintf(out, len, "%s  (%lld / %lld)", s, (long long)f->value,
		    (long long)f->base);
		break;
	case DB_KPI_MEAN:
		if (f->base)
			snprintf(out, len, "%.2f  (%s %lld)", f->value, en ? "of" :
			    "样本", (long long)f->base);
		else
			snprintf(out, len, "-");
		break;
	case DB_KPI_MONEY:
		money_format((int64_t)f->value, out, len);
		break;
	default:
		snprintf(out, len, "%lld", (long long)f->value);
	}
}

void
report_doc(const struct report_figs *r, const char *title, int en,
    struct buf *fields)
{
	struct docmsg d = { fields, 0, 0 };
	char now_iso[32], now[40], v[64], footer[160];

	clock_now_iso(now_iso, sizeof(now_iso));
	clock_local(now_iso, 0, now, sizeof(now));
	docmsg_add(&d, DOC_TITLE, title);
	docmsg_addf(&d, DOC_SUBTITLE, "%s %s .. %s    %s %s", en ? "Period" : "期间",
	    r->p->first_day, r->p->last_day, en ? "made" : "生成于", now);

	docmsg_add(&d, DOC_HEADING, en ? "Figures" : "概况");
	docmsg_add(&d, DOC_HEAD_ROW, en ? "Figure\tValue" : "指标\t数值");
	for (int i = 0; i < r->n; i++) {
		const struct report_fig *f = &r->f[i];

		if (f->k->shape == DB_KPI_TOP || f->k->shape == DB_KPI_SERIES)
			continue;
		value(f, en, v, sizeof(v));
		docmsg_addf(&d, DOC_ROW, "%s\t%s", name(f, en), v);
	}

	docmsg_add(&d, DOC_HEADING, en ? "Charts" : "图表");
	for (int i = 0; report_chart_name(i); i++) {
		struct buf spec;

		buf_init(&spec);
		if (report_chart(r, report_chart_name(i), en, &spec) == 0)
			docmsg_add(&d, DOC_CHART, spec.data ? spec.data : "");
		buf_free(&spec);
	}

	for (int i = 0; i < r->n; i++) {
		const struct report_fig *f = &r->f[i];
		int64_t cum = 0;
		char share[16], c[16];

		if (f->k->shape != DB_KPI_TOP)
			continue;
		docmsg_addf(&d, DOC_HEADING, "%s  (%lld)", name(f, en),
		    (long long)f->total);
		if (f->nrows == 0) {
			docmsg_add(&d, DOC_TEXT, en ? "none" : "无");
			continue;
		}
		docmsg_add(&d, DOC_HEAD_ROW, en ? "Item\tCount\tShare\tCumulative" :
		    "项目\t数量\t占比\t累计");
		for (int j = 0; j < f->nrows && j < REPORT_TOP_N; j++) {
			cum += f->rows[j].n;
			report_pct(f->rows[j].n, f->total, share, sizeof(share));
			report_pct(cum, f->total, c, sizeof(c));
			docmsg_addf(&d, DOC_ROW, "%s\t%lld\t%s\t%s", f->rows[j].label[0] ?
			    f->rows[j].label : "-", (long long)f->rows[j].n,
			    share, c);
		}
		if (f->nrows > REPORT_TOP_N)
			docmsg_addf(&d, DOC_TEXT, en ? "and %d more" : "另有 %d 项",
			    f->nrows - REPORT_TOP_N);
	}

	docmsg_add(&d, DOC_HEADING, en ? "Early warnings (the last week against the"
	    " model's own baseline)" : "预警（最近一周与该型号此前基线相比）");
	if (r->nwarn == 0)
		docmsg_add(&d, DOC_TEXT, en ? "none" : "无");
	for (int i = 0; i < r->nwarn; i++) {
		struct buf b;

		buf_init(&b);
		report_warning_text(&r->warn[i], en, &b);
		docmsg_add(&d, DOC_TEXT, b.data);
		buf_free(&b);
	}

	docmsg_add(&d, DOC_HEADING, en ? "Time rules missed" : "超时案件");
	{
		int any = 0;

		for (int i = 0; i < r->n; i++) {
			const struct report_fig *f = &r->f[i];
			struct buf b;

			if (f->nmisses == 0)
				continue;
			any = 1;
			buf_init(&b);
			buf_printf(&b, "%s (%d):", name(f, en), f->nmisses +
			    f->more);
			for (int j = 0; j < f->nmisses && j < 200; j++)
				buf_printf(&b, " %s", f->misses[j]);
			if (f->nmisses + f->more > 200)
				buf_puts(&b, " …");
			docmsg_add(&d, DOC_TEXT, b.data);
			buf_free(&b);
		}
		if (!any)
			docmsg_add(&d, DOC_TEXT, en ? "none" : "无");
	}
	snprintf(footer, sizeof(footer), "Return Station · %s %s .. %s", title,
	    r->p->first_day, r->p->last_day);
	docmsg_end(&d, footer);
}
