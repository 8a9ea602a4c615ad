import { z } from "zod";
import { audit } from "@/lib/admin/audit";
import { resolveModel } from "@/lib/ai/models";
import { listCurrentPrices, setPrice } from "@/lib/db/queries/prices";
import { AppError } from "@/lib/errors";
import { parseJson, withAdmin } from "@/lib/http";
import { CURRENCIES } from "@/lib/usage/pricing";

const priceSchema = z.object({
  model: z.string().min(1).max(64),
  currency: z.enum(CURRENCIES as ["USD", "CNY"]),
  peak: z.boolean(),
  cacheHit: z.number().nonnegative(),
  cacheMiss: z.number().nonnegative(),
  output: z.number().nonnegative(),
  validFrom: z.iso.datetime({ offset: true }).optional(),
});

export const GET = withAdmin(async () => Response.json({ prices: await listCurrentPrices() }));

/** A new price row; records already written keep the price they stored. */
export const POST = withAdmin(async (req, { user }) => {
  const input = await parseJson(req, priceSchema);
  const model = resolveModel(input.model)?.model.id;
  if (!model) throw new AppError("bad_request:model", { model: input.model });
  await setPrice({ ...input, model, validFrom: input.validFrom ? new Date(input.validFrom) : undefined });
  await audit(user, "prices.create", { type: "model", id: model }, { ...input, model });
  return Response.json({ prices: await listCurrentPrices() }, { status: 201 });
});
