// Human names for runs, orderings, bias probes and their subjects.
import { shortId } from './format.js';

export function runLabel(run) {
  return run.name || `run ${shortId(run.id)}`;
}

export function orderingLabel(ordering) {
  if (typeof ordering === 'string') return ordering;
  if (!ordering?.method) return 'shuffle';
  return ordering.metric ? `${ordering.method} · ${ordering.metric}` : ordering.method;
}

const probes = { she_he: 'she vs he', her_his: 'her vs his', minimal_pairs: 'minimal pairs' };
const subjects = { _mean: 'mean over occupations', _stereotype_lean: 'stereotype lean', _all: 'share of pairs' };

export const probeName = probe => probes[probe] ?? probe.replaceAll('_', ' ');
export const subjectName = subject => subjects[subject] ?? subject.replaceAll('_', ' ');
export const isSummarySubject = subject => subject in subjects;
