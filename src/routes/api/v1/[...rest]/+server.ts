import { errorResponse } from '#lib/server/http/api.ts';
import type { RequestHandler } from './$types';

/** Unknown API paths answer in the API's error shape, whatever the method. */
const unknown: RequestHandler = () => errorResponse(404, 'not_found', 'Det finns ingen sådan adress i API:t.');
export const GET = unknown;
export const POST = unknown;
export const PUT = unknown;
export const PATCH = unknown;
export const DELETE = unknown;
