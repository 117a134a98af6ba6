/**
 * Work done one piece per turn of the event loop, in order. When a live refresh turns every
 * server SVG into an ECharts canvas at once, each chart's set-up is its own task (and its paint
 * its own frame) instead of one long task for all of them, so input stays answered in between.
 */
export type Turns = { take: (work: () => void) => () => void };

type Schedule = (next: () => void) => void;

/** The browser's pacing: after the frame that paints what the last piece drew, a new task. */
const afterPaint: Schedule = (next) => requestAnimationFrame(() => setTimeout(next, 0));

export function turns(schedule: Schedule = afterPaint): Turns {
  const queue: (() => void)[] = [];
  let running = false;
  const step = () => {
    const work = queue.shift();
    if (!work) {
      running = false;
      return;
    }
    work();
    schedule(step);
  };
  return {
    /** Queues `work`; the returned function takes it out again if it has not run yet. */
    take(work) {
      queue.push(work);
      if (!running) {
        running = true;
        schedule(step);
      }
      return () => {
        const i = queue.indexOf(work);
        if (i >= 0) queue.splice(i, 1);
      };
    },
  };
}
