import { defineMessages } from "../define";

// Single sign-on (OAuth / OIDC): the provider buttons and why a sign-in was refused.
export const sso = defineMessages(
  {
    "sso.signInWith": "Sign in with {name}",
    "sso.signUpWith": "Sign up with {name}",
    "sso.or": "or",
    "sso.error.unverified_email":
      "Your account at the sign-in provider has no verified email address, so Shoal cannot sign you in with it. Verify your email with the provider, or sign in with your password.",
    "sso.error.no_email": "The sign-in provider did not share an email address. Allow Shoal to read your email, or ask an administrator.",
    "sso.error.disabled": "This account has been disabled. Ask an administrator.",
    "sso.error.pending": "Your account is waiting for an administrator's approval. Try again once it has been approved.",
    "sso.error.signup": "New accounts cannot be created this way on this Shoal. Ask an administrator for an invitation.",
    "sso.error.failed": "Your account could not be set up. Please try again.",
    "sso.error.AccessDenied": "Sign-in was refused.",
    "sso.error.OAuthAccountNotLinked": "This sign-in belongs to a different account. Sign out first, then try again.",
    "sso.error.Configuration": "Sign-in with the provider failed or was cancelled. Please try again.",
  },
  {
    "sso.signInWith": "使用 {name} 登录",
    "sso.signUpWith": "使用 {name} 注册",
    "sso.or": "或",
    "sso.error.unverified_email": "你在登录服务商处的账号没有已验证的邮箱，Shoal 无法用它为你登录。请先在服务商处验证邮箱，或使用密码登录。",
    "sso.error.no_email": "登录服务商没有提供邮箱地址。请允许 Shoal 读取你的邮箱，或联系管理员。",
    "sso.error.disabled": "该账号已被停用，请联系管理员。",
    "sso.error.pending": "你的账号正在等待管理员审批，审批通过后再试。",
    "sso.error.signup": "本站不允许通过这种方式创建新账号。请向管理员索取邀请。",
    "sso.error.failed": "无法为你创建账号，请重试。",
    "sso.error.AccessDenied": "登录被拒绝。",
    "sso.error.OAuthAccountNotLinked": "此登录方式属于另一个账号。请先退出登录再试。",
    "sso.error.Configuration": "通过登录服务商登录失败或已取消，请重试。",
  },
);
