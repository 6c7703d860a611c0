/**
 * The small static pages of the dashboard sign-in: the page CloudFront shows instead of a 403
 * (sends the viewer to `/auth/login`) and the page shown when a sign-in is refused, both with a
 * sign-out link (to leave the issuer's session and sign in with another account). Chinese
 * first, English beside it.
 */

/** Path of the sign-in page in the site bucket (served without a signed cookie). */
export const SIGN_IN_PAGE_PATH = '/sign-in.html';
/** Where the sign-in starts. */
export const LOGIN_PATH = '/auth/login';
/** Where the issuer sends the viewer back. */
export const CALLBACK_PATH = '/auth/callback';
/** Where the viewer signs out (cookies cleared, then the issuer's sign-out). */
export const LOGOUT_PATH = '/auth/logout';

/**
 * Where the issuer sends the viewer after signing out: the site's root (which, without the
 * cookies, shows the sign-in page). Plain string work, so it also holds for CDK tokens; the
 * infrastructure registers exactly this URL with the issuer.
 *
 * @example
 * postSignOutUrl('https://data.example.cn'); // 'https://data.example.cn/'
 */
export function postSignOutUrl(siteUrl: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/`;
}

/** Also on the sign-in page: a viewer still signed in at the issuer may want another account. */
const SIGN_OUT_LINK = `<p class="sign-out"><a href="${LOGOUT_PATH}">退出登录 · Sign out</a></p>`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}a.button{display:inline-block;background:#c8102e;color:#fff;padding:.6rem 1.2rem;border-radius:.3rem;text-decoration:none}p[lang=en]{color:#555}p.sign-out{margin-top:2rem;font-size:.9rem}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * The page CloudFront answers with when a viewer has no valid signed cookie.
 *
 * @example
 * signInPageHtml().includes('/auth/login'); // true
 */
export function signInPageHtml(): string {
  return page(
    '请登录 · Sign in',
    `<h1>红马甲数据看板 <small lang="en">Redvest dashboards</small></h1>
<p>查看数据看板需要先登录。</p>
<p lang="en">Please sign in to view the dashboards.</p>
<p><a class="button" href="${LOGIN_PATH}">登录 · Sign in</a></p>
${SIGN_OUT_LINK}`,
  );
}

/**
 * The page shown when a sign-in is refused (403). The reason shown is generic: details go to the logs.
 *
 * @example
 * refusedPageHtml().includes('403'); // false: the status travels in the response, not the text
 */
export function refusedPageHtml(): string {
  return page(
    '登录未成功 · Sign-in refused',
    `<h1>登录未成功 <small lang="en">Sign-in refused</small></h1>
<p>您的账号无法访问数据看板(缺少所属区,或登录已过期)。请重新登录,或联系市义工联管理员。</p>
<p lang="en">Your account cannot open the dashboards (no district assigned, or the sign-in expired). Sign in again or contact the federation's administrator.</p>
<p><a class="button" href="${LOGIN_PATH}">重新登录 · Sign in again</a></p>
${SIGN_OUT_LINK}`,
  );
}
