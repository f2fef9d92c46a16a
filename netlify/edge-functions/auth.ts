// Netlify edge function (Deno), routed in netlify.toml ([[edge_functions]] path = "/*"): checks
// the session on every request before the CDN cache and adds the security headers. Imports only
// runtime-neutral code (src/auth, src/config); everything it does is in src/auth/protect.ts.
import type { Context } from '@netlify/edge-functions';
import { authSettings } from '../../src/auth/auth-settings.ts';
import { netlifyConfig } from '../../src/auth/netlify-env.ts';
import { protect } from '../../src/auth/protect.ts';
import { withClientHost } from '../../src/auth/same-origin.ts';

export default (request: Request, context: Context) =>
  protect(request, {
    loadSettings: () => authSettings(netlifyConfig(Netlify.env.toObject(), context.deploy?.context)),
    now: new Date(),
    // The login function reads its own environment: tell a disagreement from an old session.
    loginRunsElsewhere: true,
    // The functions behind may see another host than the client used (see same-origin.ts).
    next: () => context.next(withClientHost(request)),
  });
