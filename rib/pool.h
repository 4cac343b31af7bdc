/*
 * Fixed-size object pool: objects of one size carved from 64 KiB chunks and
 * recycled through a free list, so the RIB pays no per-object malloc header
 * and can count its memory exactly. Single-threaded; knows nothing of what it
 * stores. Chunks are returned to the system only by pool_fini().
 */
#ifndef XR_RIB_POOL_H
#define XR_RIB_POOL_H

#include <stddef.h>

struct pool_chunk;

struct pool {
	size_t size;		/* object size, rounded up to 8 */
	size_t per_chunk;	/* objects per chunk */
	void *free;		/* free list, linked through the first word */
	struct pool_chunk *chunks;
	size_t nchunks;
	size_t live;		/* objects handed out and not yet returned */
	size_t fresh;		/* unused objects in the newest chunk */
};

/* Set up an empty pool for objects of size bytes (size > 0). */
void pool_init(struct pool *p, size_t size);
/* Free every chunk; objects still live become invalid. */
void pool_fini(struct pool *p);
/* Return one object of p->size zeroed bytes; aborts when out of memory. */
void *pool_alloc(struct pool *p);
/* Return obj (from pool_alloc() on this pool) to the pool; NULL is a no-op. */
void pool_free(struct pool *p, void *obj);
/* Bytes held from the system (chunks), whether live or free. */
size_t pool_bytes(const struct pool *p);

#endif
