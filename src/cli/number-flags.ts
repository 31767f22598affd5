/** Whole-number flag values, refused as usage errors (exit 2, `[usage]`) when they are not one. */
import { InvalidArgumentError } from 'commander';

/**
 * A commander argument parser accepting whole numbers from `min` up. Commander turns its
 * InvalidArgumentError into `error: option '--x <n>' argument 'y' is invalid. … [usage]`;
 * any other error would escape as an unexpected one.
 */
export function intFlag(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value.trim());
    if (value.trim() === '' || !Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
    return n;
  };
}
