/*
 * AS-path regex sets: translation of the Cisco-style "_" boundary into POSIX
 * ERE, compilation with regcomp(REG_EXTENDED | REG_NOSUB), and matching.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "policy/aset.h"

#define ASET_BOUNDARY "(^|$|[][ ,{}()])"

struct aset {
	regex_t *re;
	size_t n;
};

struct aset *
aset_new(void)
{
	return xcalloc(1, sizeof(struct aset));
}

void
aset_free(struct aset *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		regfree(&s->re[i]);
	free(s->re);
	free(s);
}

/* Append c to out at *len when it fits; always count it. */
static void
emit(char *out, size_t size, size_t *len, char c)
{
	if (*len + 1 < size)
		out[*len] = c;
	(*len)++;
}

/* Length of the bracket expression starting at m[0] == '[' (to its ']'). */
static size_t
bracket_len(const char *m)
{
	size_t i = 1;

	if (m[i] == '^')
		i++;
	if (m[i] == ']')
		i++;
	while (m[i] && m[i] != ']') {
		if (m[i] == '[' && (m[i + 1] == ':' || m[i + 1] == '.' ||
		    m[i + 1] == '=')) {
			const char *end = strchr(m + i + 2, m[i + 1]);

			if (end && end[1] == ']') {
				i = (size_t)(end - m) + 2;
				continue;
			}
		}
		i++;
	}
	return m[i] ? i + 1 : i;
}

size_t
aset_translate(const char *m, char *out, size_t size)
{
	size_t len = 0, i, n;
	const char *b;

	while (*m) {
		if (*m == '[') {
			n = bracket_len(m);
			for (i = 0; i < n; i++)
				emit(out, size, &len, m[i]);
			m += n;
		} else if (*m == '\\' && m[1]) {
			emit(out, size, &len, *m++);
			emit(out, size, &len, *m++);
		} else if (*m == '_') {
			for (b = ASET_BOUNDARY; *b; b++)
				emit(out, size, &len, *b);
			m++;
		} else {
			emit(out, size, &len, *m++);
		}
	}
	if (size)
		out[len < size ? len : size - 1] = '\0';
	return len;
}

int
aset_add(struct aset *s, const char *m, char *err, size_t errlen)
{
	size_t need = aset_translate(m, NULL, 0) + 1;
	char *ere = xmalloc(need);
	int rc;

	aset_translate(m, ere, need);
	s->re = xrealloc(s->re, (s->n + 1) * sizeof(*s->re));
	rc = regcomp(&s->re[s->n], ere, REG_EXTENDED | REG_NOSUB);
	free(ere);
	if (rc != 0) {
		regerror(rc, &s->re[s->n], err, errlen);
		return -1;
	}
	s->n++;
	return 0;
}

bool
aset_match(const struct aset *s, const char *path_text,
    enum pol_match_opt opt)
{
	size_t i;
	bool m;

	for (i = 0; i < s->n; i++) {
		m = regexec(&s->re[i], path_text, 0, NULL, 0) == 0;
		if (opt == POL_MATCH_ALL && !m)
			return false;
		if (opt != POL_MATCH_ALL && m)
			return opt == POL_MATCH_ANY;
	}
	return opt != POL_MATCH_ANY;
}

size_t
aset_count(const struct aset *s)
{
	return s->n;
}
