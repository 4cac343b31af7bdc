/*
 * Community literals as policy configuration writes them: a thin adapter
 * from the kind-indexed byte values policy keeps (enum ctext_kind) to the
 * one parser and printer of lib/community.c, which owns the text forms.
 * Standard literals are "A:B" or a well-known name, never a bare number
 * (that is a regular expression here); printing uses the configuration form
 * community-set regular expressions are matched against.
 */
#include <string.h>

#include "lib/community.h"
#include "policy/ctext.h"

void
ctext_put32(uint8_t *p, uint32_t v)
{
	community_encode(p, v);
}

uint32_t
ctext_get32(const uint8_t *p)
{
	return community_decode(p);
}

size_t
ctext_width(enum ctext_kind k)
{
	return k == CTEXT_STD ? 4 : k == CTEXT_EXT ? 8 : 12;
}

int
ctext_parse(enum ctext_kind k, const char *s, uint8_t *out)
{
	struct community_large l;
	uint8_t ec[8];
	uint32_t c;

	switch (k) {
	case CTEXT_STD:
		if (community_literal_parse(s, &c) != 0)
			return -1;
		community_encode(out, c);
		return 0;
	case CTEXT_LARGE:
		if (community_large_parse(s, &l) != 0)
			return -1;
		community_encode(out, l.global);
		community_encode(out + 4, l.local1);
		community_encode(out + 8, l.local2);
		return 0;
	default:
		if (community_ext_parse(s, ec) != 0)
			return -1;
		memcpy(out, ec, sizeof(ec));
		return 0;
	}
}

char *
ctext_print(enum ctext_kind k, const uint8_t *v, char *buf, size_t size)
{
	if (k == CTEXT_STD)
		community_value_print(community_decode(v),
		    COMMUNITY_FORM_CONFIG, buf, size);
	else if (k == CTEXT_LARGE)
		community_large_print((struct bytes){ v, 12 }, buf, size);
	else
		community_ext_value_print(v, COMMUNITY_FORM_CONFIG, buf, size);
	return buf;
}
