/*
 * Match-set options shared by the set conditions (OpenConfig
 * match-set-options-type, SPEC 3.2): how a route's values are tested against
 * a defined set.
 */
#ifndef XR_SETOPT_H
#define XR_SETOPT_H

enum pol_match_opt {
	POL_MATCH_ANY = 0,	/* some route value matches some member */
	POL_MATCH_ALL = 1,	/* every member matches some route value */
	POL_MATCH_INVERT = 2,	/* no route value matches any member */
};

#endif
