import { SetMetadata } from '@nestjs/common';
import { TokenRole } from '../store/ports';

export const REQUIRED_ROLE = 'auth:requiredRole';
export const PUBLIC = 'auth:public';

/** The least role a resolver or route needs (mutations need EDITOR unless they say otherwise). */
export const RequireRole = (role: TokenRole) => SetMetadata(REQUIRED_ROLE, role);

/** Open to anyone, even when anonymous reads are off (health checks, the IDE page). */
export const Public = () => SetMetadata(PUBLIC, true);
