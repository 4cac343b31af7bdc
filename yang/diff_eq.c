/*
 * Deep equality of configuration objects for the diff (yang/diff_eq.h).
 * Each comparison follows the field list of yang/config.h; a field added
 * there must be added here, or the diff will miss changes to it.
 */
#include <string.h>

#include "yang/diff.h"
#include "yang/diff_eq.h"

static bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return !strcmp(a, b);
}

static bool
names_eq(const struct config_names *a, const struct config_names *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (!str_eq(a->v[i], b->v[i]))
			return false;
	return true;
}

static bool
prefixes_eq(const struct prefix *a, size_t na, const struct prefix *b,
    size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (!prefix_eq(&a[i], &b[i]))
			return false;
	return true;
}

static bool
u32s_eq(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	return na == nb && (na == 0 || !memcmp(a, b, na * sizeof(*a)));
}

static bool
comms_eq(const struct config_community *a, size_t na,
    const struct config_community *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (a[i].is_regex != b[i].is_regex ||
		    !str_eq(a[i].text, b[i].text))
			return false;
	return true;
}

bool
diff_eq_apply(const struct config_apply_policy *a,
    const struct config_apply_policy *b)
{
	return names_eq(&a->import_policy, &b->import_policy) &&
	    names_eq(&a->export_policy, &b->export_policy) &&
	    a->default_import == b->default_import &&
	    a->default_export == b->default_export;
}

bool
diff_eq_prefix_set(const void *va, const void *vb)
{
	const struct config_prefix_set *a = va, *b = vb;
	size_t i;

	if (a->mode != b->mode || a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (!prefix_eq(&a->v[i].prefix, &b->v[i].prefix) ||
		    a->v[i].len_lower != b->v[i].len_lower ||
		    a->v[i].len_upper != b->v[i].len_upper)
			return false;
	return true;
}

bool
diff_eq_neighbor_set(const void *va, const void *vb)
{
	const struct config_neighbor_set *a = va, *b = vb;
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (!addr_eq(&a->v[i], &b->v[i]))
			return false;
	return true;
}

bool
diff_eq_link_set(const void *va, const void *vb)
{
	const struct config_link_set *a = va, *b = vb;
	size_t i;

	if (a->n_links != b->n_links || a->roles != b->roles ||
	    !names_eq(&a->facilities, &b->facilities))
		return false;
	for (i = 0; i < a->n_links; i++)
		if (a->links[i].link_id != b->links[i].link_id ||
		    !str_eq(a->links[i].interconnect, b->links[i].interconnect))
			return false;
	return true;
}

bool
diff_eq_community_set(const void *va, const void *vb)
{
	const struct config_community_set *a = va, *b = vb;

	return a->kind == b->kind && comms_eq(a->v, a->n, b->v, b->n);
}

bool
diff_eq_as_path_set(const void *va, const void *vb)
{
	const struct config_as_path_set *a = va, *b = vb;

	return names_eq(&a->members, &b->members);
}

static bool
match_eq(const struct config_match_set *a, const struct config_match_set *b)
{
	return str_eq(a->set, b->set) && a->opt == b->opt;
}

static bool
conditions_eq(const struct config_conditions *a,
    const struct config_conditions *b)
{
	return str_eq(a->call_policy, b->call_policy) &&
	    match_eq(&a->prefix_set, &b->prefix_set) &&
	    match_eq(&a->neighbor_set, &b->neighbor_set) &&
	    match_eq(&a->link_set, &b->link_set) &&
	    match_eq(&a->community_set, &b->community_set) &&
	    match_eq(&a->large_community_set, &b->large_community_set) &&
	    match_eq(&a->ext_community_set, &b->ext_community_set) &&
	    match_eq(&a->as_path_set, &b->as_path_set) &&
	    a->has_as_path_length == b->has_as_path_length &&
	    a->as_path_length_op == b->as_path_length_op &&
	    a->as_path_length == b->as_path_length &&
	    u32s_eq(a->asn_in_as_path, a->n_asn_in_as_path,
	    b->asn_in_as_path, b->n_asn_in_as_path) &&
	    a->has_med_eq == b->has_med_eq && a->med_eq == b->med_eq &&
	    a->has_local_pref_eq == b->has_local_pref_eq &&
	    a->local_pref_eq == b->local_pref_eq &&
	    a->has_origin_eq == b->has_origin_eq &&
	    a->origin_eq == b->origin_eq &&
	    a->afi_safi_in == b->afi_safi_in &&
	    a->route_type == b->route_type;
}

static bool
setcomm_eq(const struct config_set_community *a,
    const struct config_set_community *b)
{
	return a->op == b->op && str_eq(a->set_ref, b->set_ref) &&
	    comms_eq(a->v, a->n, b->v, b->n);
}

static bool
actions_eq(const struct config_actions *a, const struct config_actions *b)
{
	return a->result == b->result &&
	    a->has_local_pref == b->has_local_pref &&
	    a->local_pref == b->local_pref &&
	    a->med_op == b->med_op && a->med == b->med &&
	    a->has_prepend == b->has_prepend &&
	    a->prepend_asn == b->prepend_asn &&
	    a->prepend_repeat == b->prepend_repeat &&
	    u32s_eq(a->remove_asns, a->n_remove_asns, b->remove_asns,
	    b->n_remove_asns) &&
	    a->has_replace_as_path == b->has_replace_as_path &&
	    u32s_eq(a->replace_as_path, a->n_replace_as_path,
	    b->replace_as_path, b->n_replace_as_path) &&
	    setcomm_eq(&a->set_community, &b->set_community) &&
	    setcomm_eq(&a->set_large_community, &b->set_large_community) &&
	    setcomm_eq(&a->set_ext_community, &b->set_ext_community) &&
	    a->next_hop_kind == b->next_hop_kind &&
	    addr_eq(&a->next_hop, &b->next_hop) &&
	    a->summarize.present == b->summarize.present &&
	    prefix_eq(&a->summarize.prefix, &b->summarize.prefix) &&
	    a->summarize.summary_only == b->summarize.summary_only &&
	    a->summarize.as_set == b->summarize.as_set;
}

bool
diff_eq_policy(const void *va, const void *vb)
{
	const struct config_policy *a = va, *b = vb;
	size_t i;

	if (a->n_statements != b->n_statements)
		return false;
	for (i = 0; i < a->n_statements; i++) {
		const struct config_statement *x = &a->statements[i];
		const struct config_statement *y = &b->statements[i];

		if (!str_eq(x->name, y->name) ||
		    !conditions_eq(&x->conditions, &y->conditions) ||
		    !actions_eq(&x->actions, &y->actions))
			return false;
	}
	return true;
}

static bool
attachment_eq(const struct config_attachment *a,
    const struct config_attachment *b)
{
	return str_eq(a->name, b->name) && a->kind == b->kind &&
	    str_eq(a->region, b->region) &&
	    prefixes_eq(a->prefixes, a->n_prefixes, b->prefixes,
	    b->n_prefixes) &&
	    prefixes_eq(a->allowed_prefixes, a->n_allowed_prefixes,
	    b->allowed_prefixes, b->n_allowed_prefixes) &&
	    a->base_priority == b->base_priority &&
	    a->advertise_mode == b->advertise_mode &&
	    prefixes_eq(a->advertised_ranges, a->n_advertised_ranges,
	    b->advertised_ranges, b->n_advertised_ranges) &&
	    diff_eq_apply(&a->apply_policy, &b->apply_policy);
}

uint32_t
diff_eq_gateway_what(const struct config_gateway *a,
    const struct config_gateway *b)
{
	uint32_t w = 0;
	size_t i;

	if (a->asn != b->asn || a->router_id != b->router_id)
		w |= DIFF_F_ASN;
	if (a->profile != b->profile)
		w |= DIFF_F_PROFILE;
	if (!diff_eq_apply(&a->apply_policy, &b->apply_policy))
		w |= DIFF_F_POLICY;
	if (a->role != b->role)
		w |= DIFF_F_OTHER;
	if (a->n_attachments != b->n_attachments)
		return w | DIFF_F_ATTACH;
	for (i = 0; i < a->n_attachments; i++)
		if (!attachment_eq(&a->attachments[i], &b->attachments[i]))
			return w | DIFF_F_ATTACH;
	return w;
}

static bool
link_eq(const struct config_link *a, const struct config_link *b)
{
	return a->id == b->id && str_eq(a->facility, b->facility) &&
	    str_eq(a->device_a, b->device_a) &&
	    str_eq(a->device_b, b->device_b) && a->vlan == b->vlan &&
	    prefix_eq(&a->ipv4_subnet, &b->ipv4_subnet) &&
	    prefix_eq(&a->ipv6_subnet, &b->ipv6_subnet) &&
	    addr_eq(&a->ipv4_a, &b->ipv4_a) && addr_eq(&a->ipv4_b, &b->ipv4_b) &&
	    addr_eq(&a->ipv6_a, &b->ipv6_a) && addr_eq(&a->ipv6_b, &b->ipv6_b) &&
	    a->mtu == b->mtu && str_eq(a->md5_key, b->md5_key) &&
	    a->admin_up == b->admin_up && a->drained == b->drained &&
	    a->maintenance == b->maintenance &&
	    diff_eq_apply(&a->apply_policy, &b->apply_policy);
}

bool
diff_eq_interconnect(const void *va, const void *vb)
{
	const struct config_interconnect *a = va, *b = vb;
	size_t i;

	if (!str_eq(a->gateway_a, b->gateway_a) ||
	    !str_eq(a->router_b, b->router_b) ||
	    !str_eq(a->environment, b->environment) ||
	    a->bandwidth_mbps != b->bandwidth_mbps ||
	    a->admin_up != b->admin_up || a->ipv6 != b->ipv6 ||
	    a->n_links != b->n_links ||
	    !diff_eq_apply(&a->apply_policy, &b->apply_policy))
		return false;
	for (i = 0; i < a->n_links; i++)
		if (!link_eq(&a->links[i], &b->links[i]))
			return false;
	return true;
}

/* The AFI/SAFI sets as bit masks, ignoring order. */
static uint32_t
afi_mask(const struct config_neighbor *n)
{
	uint32_t m = 0;
	size_t i;

	for (i = 0; i < n->n_afi_safis; i++)
		m |= 1u << ((n->afi_safis[i].afi & 0xf) * 4 +
		    (n->afi_safis[i].safi & 0x3));
	return m;
}

static const struct config_afi_safi *
afi_find(const struct config_neighbor *n, const struct config_afi_safi *x)
{
	size_t i;

	for (i = 0; i < n->n_afi_safis; i++)
		if (n->afi_safis[i].afi == x->afi &&
		    n->afi_safis[i].safi == x->safi)
			return &n->afi_safis[i];
	return NULL;
}

/* Prefix limits per AFI/SAFI, whatever the list order. */
static bool
limits_eq(const struct config_neighbor *a, const struct config_neighbor *b)
{
	const struct config_afi_safi *y;
	size_t i;

	if (a->n_afi_safis != b->n_afi_safis)
		return false;
	for (i = 0; i < a->n_afi_safis; i++) {
		const struct config_afi_safi *x = &a->afi_safis[i];

		if ((y = afi_find(b, x)) == NULL ||
		    x->max_prefix != y->max_prefix ||
		    x->max_prefix_action != y->max_prefix_action ||
		    x->max_prefix_restart != y->max_prefix_restart ||
		    x->max_prefix_warn_pct != y->max_prefix_warn_pct)
			return false;
	}
	return true;
}

uint32_t
diff_eq_neighbor(const struct config_neighbor *a,
    const struct config_neighbor *b)
{
	uint32_t w = 0;

	if (a->remote_as != b->remote_as)
		w |= DIFF_F_ASN;
	if (!str_eq(a->md5_key, b->md5_key))
		w |= DIFF_F_MD5;
	if (afi_mask(a) != afi_mask(b))
		w |= DIFF_F_AFI;
	else if (!limits_eq(a, b))
		w |= DIFF_F_PREFIX_LIMIT;
	if (!addr_eq(&a->local_address, &b->local_address) ||
	    a->ttl_security != b->ttl_security || a->ttl != b->ttl)
		w |= DIFF_F_TRANSPORT;
	if (a->hold_time != b->hold_time || a->keepalive != b->keepalive)
		w |= DIFF_F_TIMERS;
	if (a->graceful_restart != b->graceful_restart ||
	    a->restart_time != b->restart_time ||
	    a->stale_time != b->stale_time)
		w |= DIFF_F_GR;
	if (!diff_eq_apply(&a->apply_policy, &b->apply_policy))
		w |= DIFF_F_POLICY;
	if (a->profile != b->profile)
		w |= DIFF_F_PROFILE;
	/*
	 * The region, and being a public VIF, are part of the session's
	 * export group and of the scope of its routes everywhere (bgpd
	 * export keys, source kinds): a new session redoes both.
	 */
	if (!str_eq(a->region, b->region) || (a->profile != b->profile &&
	    (a->profile == CONFIG_PROFILE_DX_PUBLIC ||
	    b->profile == CONFIG_PROFILE_DX_PUBLIC)))
		w |= DIFF_F_TRANSPORT;
	if (a->admin_up != b->admin_up)
		w |= DIFF_F_ADMIN;
	if (!str_eq(a->description, b->description) ||
	    a->passive != b->passive || a->connect_retry != b->connect_retry)
		w |= DIFF_F_OTHER;
	return w;
}
