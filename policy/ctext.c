/*
 * Community literals: parse and print the standard, large and extended forms
 * policy configuration uses. Numbers are plain decimal without signs or
 * leading "+"; anything else is not a literal and the caller may try it as a
 * regular expression.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lib/prefix.h"
#include "policy/ctext.h"

static const struct {
	const char *name;
	uint32_t value;
} ctext_names[] = {
	{ "graceful-shutdown", COMM_GRACEFUL_SHUTDOWN },
	{ "accept-own", COMM_ACCEPT_OWN },
	{ "llgr-stale", COMM_LLGR_STALE },
	{ "no-llgr", COMM_NO_LLGR },
	{ "blackhole", COMM_BLACKHOLE },
	{ "no-export", COMM_NO_EXPORT },
	{ "no-advertise", COMM_NO_ADVERTISE },
	{ "no-export-subconfed", COMM_NO_EXPORT_SUBCONFED },
	{ "no-peer", COMM_NO_PEER },
	{ "nopeer", COMM_NO_PEER },
};

void
ctext_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

uint32_t
ctext_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

size_t
ctext_width(enum ctext_kind k)
{
	return k == CTEXT_STD ? 4 : k == CTEXT_EXT ? 8 : 12;
}

/* Parse decimal digits up to the separator sep (or NUL); advance *s. */
static int
parse_num(const char **s, char sep, uint32_t max, uint32_t *v)
{
	const char *p = *s;
	uint64_t n = 0;

	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p)) {
		n = n * 10 + (uint64_t)(*p - '0');
		if (n > max)
			return -1;
		p++;
	}
	if (*p != sep)
		return -1;
	*v = (uint32_t)n;
	*s = *p ? p + 1 : p;
	return 0;
}

static int
parse_std(const char *s, uint8_t *out)
{
	uint32_t a, b;
	size_t i;
	char name[32];

	if (parse_num(&s, ':', 0xffff, &a) == 0 &&
	    parse_num(&s, '\0', 0xffff, &b) == 0) {
		ctext_put32(out, a << 16 | b);
		return 0;
	}
	for (i = 0; s[i] && i + 1 < sizeof(name); i++)
		name[i] = s[i] == '_' ? '-' : s[i];
	name[i] = '\0';
	for (i = 0; i < sizeof(ctext_names) / sizeof(ctext_names[0]); i++) {
		if (strcasecmp(name, ctext_names[i].name) == 0) {
			ctext_put32(out, ctext_names[i].value);
			return 0;
		}
	}
	return -1;
}

static int
parse_large(const char *s, uint8_t *out)
{
	uint32_t v[3];

	if (parse_num(&s, ':', UINT32_MAX, &v[0]) ||
	    parse_num(&s, ':', UINT32_MAX, &v[1]) ||
	    parse_num(&s, '\0', UINT32_MAX, &v[2]))
		return -1;
	ctext_put32(out, v[0]);
	ctext_put32(out + 4, v[1]);
	ctext_put32(out + 8, v[2]);
	return 0;
}

/* "rt:" / "soo:" then ASN:N or IPv4:N (RFC 4360 3.1, 3.2; RFC 5668). */
static int
parse_ext(const char *s, uint8_t *out)
{
	uint8_t sub;
	const char *colon;
	char ip[16];
	struct addr a;
	uint32_t asn, n;

	if (strncasecmp(s, "rt:", 3) == 0)
		sub = 0x02, s += 3;
	else if (strncasecmp(s, "soo:", 4) == 0)
		sub = 0x03, s += 4;
	else
		return -1;
	colon = strrchr(s, ':');
	if (colon == NULL || (size_t)(colon - s) >= sizeof(ip))
		return -1;
	memcpy(ip, s, (size_t)(colon - s));
	ip[colon - s] = '\0';
	out[1] = sub;
	if (addr_parse(ip, &a) == 0 && a.afi == AFI_IPV4) {
		s = colon + 1;
		if (parse_num(&s, '\0', 0xffff, &n))
			return -1;
		out[0] = 0x01;
		memcpy(out + 2, a.a, 4);
		out[6] = (uint8_t)(n >> 8);
		out[7] = (uint8_t)n;
		return 0;
	}
	if (parse_num(&s, ':', UINT32_MAX, &asn))
		return -1;
	if (asn <= 0xffff) {
		if (parse_num(&s, '\0', UINT32_MAX, &n))
			return -1;
		out[0] = 0x00;
		out[2] = (uint8_t)(asn >> 8);
		out[3] = (uint8_t)asn;
		ctext_put32(out + 4, n);
		return 0;
	}
	if (parse_num(&s, '\0', 0xffff, &n))
		return -1;
	out[0] = 0x02;
	ctext_put32(out + 2, asn);
	out[6] = (uint8_t)(n >> 8);
	out[7] = (uint8_t)n;
	return 0;
}

int
ctext_parse(enum ctext_kind k, const char *s, uint8_t *out)
{
	uint8_t tmp[12];
	int rc;

	switch (k) {
	case CTEXT_STD:
		rc = parse_std(s, tmp);
		break;
	case CTEXT_LARGE:
		rc = parse_large(s, tmp);
		break;
	default:
		rc = parse_ext(s, tmp);
		break;
	}
	if (rc == 0)
		memcpy(out, tmp, ctext_width(k));
	return rc;
}

static char *
print_ext(const uint8_t *v, char *buf, size_t size)
{
	const char *sub = v[1] == 0x02 ? "rt" : "soo";
	uint16_t n16 = (uint16_t)(v[6] << 8 | v[7]);

	if ((v[1] != 0x02 && v[1] != 0x03) || v[0] > 0x02) {
		snprintf(buf, size, "0x%02x%02x%02x%02x%02x%02x%02x%02x",
		    v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
	} else if (v[0] == 0x00) {
		snprintf(buf, size, "%s:%u:%u", sub, (unsigned)(v[2] << 8 |
		    v[3]), ctext_get32(v + 4));
	} else if (v[0] == 0x01) {
		snprintf(buf, size, "%s:%u.%u.%u.%u:%u", sub, v[2], v[3], v[4],
		    v[5], n16);
	} else {
		snprintf(buf, size, "%s:%u:%u", sub, ctext_get32(v + 2), n16);
	}
	return buf;
}

char *
ctext_print(enum ctext_kind k, const uint8_t *v, char *buf, size_t size)
{
	uint32_t a = ctext_get32(v);

	if (k == CTEXT_STD)
		snprintf(buf, size, "%u:%u", a >> 16, a & 0xffff);
	else if (k == CTEXT_LARGE)
		snprintf(buf, size, "%u:%u:%u", a, ctext_get32(v + 4),
		    ctext_get32(v + 8));
	else
		print_ext(v, buf, size);
	return buf;
}
