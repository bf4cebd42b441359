// Checkpoints, losses and saturation of runs, loaded once per run state (a run that made progress is reloaded).
import { getJson, getOptional, Cache } from './api.js';

const cache = new Cache();
const key = run => `${run.id}|${run.state}|${run.stepsDone}`;

/** { checkpoints, losses, saturation } of one run; saturation is null until it is evaluated. */
export function runData(run) {
  return cache.get(key(run), async () => {
    const base = `api/runs/${run.id}`;
    const [checkpoints, losses, saturation] = await Promise.all([
      getJson(`${base}/checkpoints`),
      getJson(`${base}/losses`),
      getOptional(`${base}/saturation`),
    ]);
    return { checkpoints, losses, saturation };
  });
}

/** The validation loss at the run's last checkpoint that has one, or null. */
export function finalValLoss(data) {
  const withVal = data.checkpoints.filter(c => c.valLoss != null);
  return withVal.length ? withVal.at(-1).valLoss : null;
}
