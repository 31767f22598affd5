// Empties dist/ before a build, so files whose sources moved or were deleted are never packed.
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
