import "server-only";
import type { AppUser } from "@/lib/db/queries/users";
import type { UsageStatus } from "@/lib/db/queries/usage";
import { worstWarning, type BudgetLine, type BudgetWarning } from "./budget-math";
import { assertWithinBudget } from "./budgets";
import { acquireStreamSlot, consumeRequest } from "./limits";
import { notePaymentRequired } from "./balance";
import { hasFinalUsage, recordUsage, type UsageInput } from "./record";

type Part = { type: string; text?: string };
type MessageLike = { parts: readonly unknown[] };

export type MeterEnd = {
  usage?: UsageInput["usage"];
  status: UsageStatus;
  errorCode?: string | null;
  /** For the estimate when no usage came: what was sent and what came back. */
  prompt?: readonly MessageLike[] | string;
  output?: readonly unknown[] | string;
};

export type Meter = {
  startedAt: Date;
  warnings: BudgetLine[];
  /** The most used budget at or past 80 % (null below), for the chat's notice. */
  warning: BudgetWarning | null;
  end(result: MeterEnd): Promise<void>;
  /** The request was refused after the checks (nothing reached DeepSeek): free the stream slot, record nothing. */
  cancel(): Promise<void>;
};

/**
 * Everything that wraps one upstream completion: checks before (budgets, rate and concurrency
 * limits; throws AppError when refused) and the ledger row after. `end` is idempotent.
 */
export async function startMeter(opts: {
  user: AppUser;
  source: "chat" | "api";
  model: string;
  chatId?: string | null;
  apiTokenId?: string | null;
}): Promise<Meter> {
  const budget = await assertWithinBudget(opts.user);
  await consumeRequest(opts.user.id);
  const release = await acquireStreamSlot(opts.user.id);
  const startedAt = new Date();
  let ended = false;
  return {
    startedAt,
    warnings: budget.warnings,
    warning: worstWarning(budget.lines, budget.instance, startedAt),
    async cancel() {
      if (ended) return;
      ended = true;
      await release();
    },
    async end(result) {
      if (ended) return;
      ended = true;
      await release();
      // "An admin has been notified": the 402 raises the admins' balance banner.
      if (result.errorCode === "payment_required:deepseek") await notePaymentRequired();
      await recordUsage({
        userId: opts.user.id,
        chatId: opts.chatId,
        apiTokenId: opts.apiTokenId,
        source: opts.source,
        model: opts.model,
        usage: result.usage,
        // The texts are only gathered when they are needed (no final usage).
        estimate: hasFinalUsage(result.usage)
          ? undefined
          : { prompt: textOf(result.prompt), reasoning: textOf(result.output, "reasoning"), output: textOf(result.output, "text") },
        status: result.status,
        errorCode: result.errorCode,
        startedAt,
      });
    },
  };
}

function textOf(value: readonly unknown[] | string | undefined, type?: string): string {
  if (value === undefined) return "";
  if (typeof value === "string") return type === "reasoning" ? "" : value;
  const parts = value.flatMap((v) => (v && typeof v === "object" && "parts" in v ? (v as MessageLike).parts : [v])) as Part[];
  return parts
    .filter((p) => p && typeof p.text === "string" && (type ? p.type === type : true))
    .map((p) => p.text)
    .join("\n");
}
