import 'server-only';
import { siteOf, type Site } from '@/lib/api/site';
import { loadConfig } from './config';

let site: Site | undefined;

/** This deployment's browser protections, from its configuration (computed once per bundle). */
export function getSite(): Site {
  if (!site) {
    const config = loadConfig();
    site = siteOf({ publicUrl: config.PULSE_PUBLIC_URL, frameAncestors: config.PULSE_FRAME_ANCESTORS, dev: process.env.NODE_ENV === 'development' });
  }
  return site;
}
