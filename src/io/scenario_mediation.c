/* scenario_mediation.c — the scenario's `mediation:` section (docs/scenario-format.md,
 * "Mediation"): who could mediate, who drafts, whose input it takes, the channels, and the
 * mediators' beliefs, each reference checked where it is written. */

#include <string.h>

#include "io/scenario_read.h"

/* A builder call's problem, at node n. */
static void at(rd *r, const pl_ynode *n, int rc, const parley_error *e) {
  if (rc) yr_at(r, n, e);
}

static void read_mediators(rd *r, const pl_ynode *ms) {
  static const char *const keys[] = {"id", "name", NULL};
  if (!yr_is_seq(r, ms, "'mediators'")) return;
  if (!ms->first) bad(r, ms, "'mediators' is empty; name who could mediate, or leave out 'mediation'");
  for (const pl_ynode *it = ms->first; it; it = it->next) {
    const char *id = NULL, *name = NULL;
    if (it->kind == PL_YSCALAR) {
      id = yr_get_text(r, it, "a mediator");
    } else if (yr_is_map(r, it, "a mediator (a party id, or {id, name} for an outside actor)")) {
      yr_check_keys(r, it, keys, "a mediator");
      const pl_ynode *idn = yr_find(it, "id");
      if (!idn) {
        bad(r, it, "a mediator needs an 'id'");
        continue;
      }
      id = yr_get_text(r, idn, "a mediator's id");
      name = yr_opt_text(r, it, "name", "a mediator's name", NULL);
    }
    if (!id) continue;
    if (!*id) {
      bad(r, it, "a mediator's id is empty");
      continue;
    }
    parley_error e = {0};
    at(r, it, parley_builder_add_mediator(r->b, id, name, &e), &e);
  }
}

/* beliefs: {mediator: {party: profile keys}}; each belief checked, merged with the truth, at
 * its node. */
static void read_beliefs(rd *r, const pl_ynode *bs) {
  static const char *const keys[] = {"power", "reservation", "discount", "normalise_weights", "weights",
                                     "values", "interactions", "red_lines", NULL};
  if (!yr_is_map(r, bs, "'beliefs' ({mediator: {party: what it believes}})")) return;
  for (const pl_ynode *mb = bs->first; mb; mb = mb->next) {
    const char *mid = mb->key->text;
    for (const pl_ynode *x = bs->first; x != mb; x = x->next)
      if (!strcmp(x->key->text, mid)) bad(r, mb->key, "the beliefs of '%s' are given twice", mid);
    if (pl_builder_mediator_find(r->b, mid) == PARLEY_NONE) {
      bad(r, mb->key, "beliefs of '%s', which is not among the mediators", mid);
      continue;
    }
    if (!yr_is_map(r, mb, "a mediator's beliefs ({party: what it believes})")) continue;
    for (const pl_ynode *pb = mb->first; pb; pb = pb->next) {
      const char *pid = pb->key->text;
      for (const pl_ynode *x = mb->first; x != pb; x = x->next)
        if (!strcmp(x->key->text, pid)) bad(r, pb->key, "the belief of '%s' about '%s' is given twice", mid, pid);
      if (pl_builder_party_find(r->b, pid) == PARLEY_NONE) {
        bad(r, pb->key, "a belief of '%s' about '%s', which is not a party", mid, pid);
        continue;
      }
      if (!yr_is_map(r, pb, "a belief (any of a party's profile keys)")) continue;
      yr_check_keys(r, pb, keys, "a belief");
      const pl_ynode *nw = yr_find(pb, "normalise_weights");
      if (nw && !yr_find(pb, "weights")) bad(r, nw->key, "normalise_weights in a belief goes with the weights it gives");
      parley_error e = {0};
      size_t h;
      if (parley_builder_add_belief(r->b, mid, pid, &h, &e)) {
        yr_at(r, pb->key, &e);
        continue;
      }
      yr_read_profile(r, h, pid, pb);
      /* merged with the truth, checked whole: when nothing else is at fault, so that a fault of
       * the party's own is not blamed on the belief too */
      if (r->col.n_errors == 0) at(r, pb, pl_builder_check_belief(r->b, h, &e), &e);
    }
  }
}

void yr_read_mediation(rd *r, const pl_ynode *m) {
  static const char *const keys[] = {"mediators", "mediator", "drafts_with", "channels", "beliefs", NULL};
  if (!yr_is_map(r, m, "'mediation'")) return;
  yr_check_keys(r, m, keys, "'mediation'");
  const int before = r->col.n_errors;
  const pl_ynode *ms = yr_find(m, "mediators"), *n;
  if (!ms) {
    bad(r, m, "'mediation' needs 'mediators' (who could mediate: party ids, or {id, name} for outside actors)");
    return;
  }
  read_mediators(r, ms);
  parley_error e = {0};
  if ((n = yr_find(m, "mediator"))) {
    const char *id = yr_get_text(r, n, "'mediator' (who drafts)");
    if (id) at(r, n, parley_builder_set_drafting_mediator(r->b, id, &e), &e);
  }
  const pl_ynode *drafts = yr_find(m, "drafts_with");
  if (drafts && yr_is_seq(r, drafts, "'drafts_with'")) {
    if (!drafts->first) bad(r, drafts, "'drafts_with' is empty; leave it out to draft with every party");
    for (const pl_ynode *it = drafts->first; it; it = it->next) {
      const char *id = yr_get_text(r, it, "a party in 'drafts_with'");
      if (id) at(r, it, parley_builder_add_drafts_with(r->b, id, &e), &e);
    }
  }
  if ((n = yr_find(m, "channels")) && yr_is_seq(r, n, "'channels'")) {
    if (!n->first) bad(r, n, "'channels' is empty; leave it out for everyone to talk with everyone");
    for (const pl_ynode *it = n->first; it; it = it->next) {
      if (!yr_is_seq(r, it, "a channel ([one id, another])")) continue;
      const pl_ynode *a = it->first, *b = a ? a->next : NULL;
      if (!a || !b || b->next) {
        bad(r, it, "a channel joins two ids: [one, another]");
        continue;
      }
      const char *x = yr_get_text(r, a, "a channel's end"), *y = yr_get_text(r, b, "a channel's end");
      if (x && y) at(r, it, parley_builder_add_channel(r->b, x, y, &e), &e);
    }
  }
  if ((n = yr_find(m, "beliefs"))) read_beliefs(r, n);
  /* the whole: the drafting mediator must be able to hear everyone it drafts with */
  if (r->col.n_errors == before) at(r, drafts ? drafts : m, pl_mediation_check(r->b, &e), &e);
}
