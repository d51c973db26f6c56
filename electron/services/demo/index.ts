/** The demo county: a deterministic, realistic data set for trying the registers, for tests and for benchmarks. */
export { generateDemo, type DemoCounts, type DemoOptions } from './generate';
export { problemLabels, type ProblemKind } from './problems';
