// GET /api/payments/:chargeId on Netlify; the handler is shared with the Node build (src/api/router.ts).
import type { Config } from '@netlify/functions';
import { handlePaymentDetail } from '../../src/api/handlers/payment-detail.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handlePaymentDetail);

export const config: Config = { path: '/api/payments/:chargeId', method: 'GET' };
