import { hostHttpEnvironment } from '../../src/workspace/httpEnvironment';

/** The core's HTTP environment on Node's own globals, for unit tests against local servers. */
export const nodeHttpEnvironment = hostHttpEnvironment();
