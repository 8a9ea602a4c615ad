// Runs once when a Shoal server process starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startGenerationLifecycle } = await import("./lib/chat/generations/lifecycle");
  startGenerationLifecycle();
}
