// A clock is passed in rather than read from Date.now() so tests can move time.
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
