/**
 * Source of the CloudFront Function (cloudfront-js-2.0) that lets only listed IPv4 networks through.
 */

/** An IPv4 network as unsigned 32-bit base address and mask. */
export interface Ipv4Network {
  base: number;
  mask: number;
}

function ipv4ToInt(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255))
    throw new Error(`not an IPv4 address: "${ip}"`);
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

/**
 * Parses an IPv4 CIDR block.
 *
 * @example
 * parseCidr('10.1.0.0/16'); // { base: 167837696, mask: 4294901760 }
 */
export function parseCidr(cidr: string): Ipv4Network {
  const [ip, bits = '32'] = cidr.trim().split('/');
  const prefix = Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new Error(`invalid CIDR "${cidr}"`);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (ipv4ToInt(ip ?? '') & mask) >>> 0, mask };
}

/**
 * JavaScript of a viewer-request CloudFront Function allowing only the given networks (403 otherwise).
 *
 * @example
 * const code = ipAllowListFunctionCode(['203.0.113.0/24']);
 */
export function ipAllowListFunctionCode(cidrs: readonly string[]): string {
  const networks = cidrs.map(parseCidr).map((network) => [network.base, network.mask]);
  return `var NETWORKS = ${JSON.stringify(networks)};
function toInt(ip) {
  var p = ip.split('.');
  if (p.length !== 4) return -1;
  return ((+p[0]) * 16777216) + ((+p[1]) * 65536) + ((+p[2]) * 256) + (+p[3]);
}
function handler(event) {
  var n = toInt(event.viewer.ip);
  if (n >= 0) {
    for (var i = 0; i < NETWORKS.length; i++) {
      if (((n & NETWORKS[i][1]) >>> 0) === NETWORKS[i][0]) return event.request;
    }
  }
  return { statusCode: 403, statusDescription: 'Forbidden', body: { encoding: 'text', data: '禁止访问 Forbidden' } };
}
`;
}
