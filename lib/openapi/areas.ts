import type { TArea } from './operation';
import { actionsArea } from './paths/actions';
import { auditArea } from './paths/audit';
import { authArea } from './paths/auth';
import { clustersArea } from './paths/clusters';
import { healthArea } from './paths/health';
import { metricsArea } from './paths/metrics';
import { notificationsArea } from './paths/notifications';
import { observationsArea } from './paths/observations';
import { openapiArea } from './paths/openapi';
import { tokensArea } from './paths/tokens';
import { usersArea } from './paths/users';

// Every area of the API, in the document's order. A new route is described
// in its area's file under paths/ (a new area: a new file, listed here);
// the tests fail while a route has no description.
export const AREAS: readonly TArea[] = [healthArea, authArea, clustersArea, observationsArea, actionsArea, usersArea, tokensArea, auditArea, notificationsArea, metricsArea, openapiArea];
