/*
 * Fixed-size object pool (see pool.h). A chunk is one malloc of
 * POOL_CHUNK_BYTES: a small header, then objects handed out in order until
 * the chunk is used up; freed objects go on a LIFO free list reused first.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "rib/pool.h"

#define POOL_CHUNK_BYTES 65536

struct pool_chunk {
	struct pool_chunk *next;
	uint64_t pad;		/* keeps objects 16-byte aligned */
	unsigned char data[];
};

void
pool_init(struct pool *p, size_t size)
{
	assert(size > 0 && size <= POOL_CHUNK_BYTES / 4);
	memset(p, 0, sizeof(*p));
	p->size = (size + 7) & ~(size_t)7;
	p->per_chunk = (POOL_CHUNK_BYTES - sizeof(struct pool_chunk)) / p->size;
}

void
pool_fini(struct pool *p)
{
	struct pool_chunk *c, *next;

	for (c = p->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	p->chunks = NULL;
	p->free = NULL;
	p->nchunks = 0;
	p->live = 0;
	p->fresh = 0;
}

void *
pool_alloc(struct pool *p)
{
	void *obj;

	if (p->free != NULL) {
		obj = p->free;
		memcpy(&p->free, obj, sizeof(void *));
	} else {
		if (p->fresh == 0) {
			struct pool_chunk *c = xmalloc(POOL_CHUNK_BYTES);

			c->next = p->chunks;
			p->chunks = c;
			p->nchunks++;
			p->fresh = p->per_chunk;
		}
		obj = p->chunks->data + (p->per_chunk - p->fresh) * p->size;
		p->fresh--;
	}
	p->live++;
	memset(obj, 0, p->size);
	return obj;
}

void
pool_free(struct pool *p, void *obj)
{
	if (obj == NULL)
		return;
	assert(p->live > 0);
	memcpy(obj, &p->free, sizeof(void *));
	p->free = obj;
	p->live--;
}

size_t
pool_bytes(const struct pool *p)
{
	return p->nchunks * (size_t)POOL_CHUNK_BYTES;
}
