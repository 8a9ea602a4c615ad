import { describe, expect, it } from "vitest";
import { convertChatGptConversation } from "@/lib/portability/convert/chatgpt";
import { shoalChatSchema } from "@/lib/portability/format";
import { visibleBranch } from "@/lib/chat/branches";

const msg = (id: string, role: string, text: string, t: number) => ({
  id,
  author: { role },
  create_time: t,
  content: { content_type: "text", parts: [text] },
  metadata: {},
});
// Two answers to one question; the user last looked at the OLDER one (current_node = a-old).
function conversation(current: string) {
  return {
    title: "Branches",
    create_time: 1_700_000_000,
    current_node: current,
    mapping: {
      root: { id: "root", message: null, parent: null, children: ["q"] },
      q: { id: "q", message: msg("q", "user", "question", 1_700_000_001), parent: "root", children: ["a-old", "a-new"] },
      "a-old": { id: "a-old", message: msg("a-old", "assistant", "old answer", 1_700_000_002), parent: "q", children: ["hidden"] },
      hidden: {
        id: "hidden",
        message: { ...msg("hidden", "system", "ctx", 1_700_000_003), metadata: { is_visually_hidden_from_conversation: true } },
        parent: "a-old",
        children: [],
      },
      "a-new": { id: "a-new", message: msg("a-new", "assistant", "new answer", 1_700_000_009), parent: "q", children: [] },
    },
  };
}

describe("ChatGPT import opens on the branch the user saw", () => {
  it("sets activeLeafId to current_node (or its nearest kept ancestor)", () => {
    for (const current of ["a-old", "hidden"]) {
      const { chat } = convertChatGptConversation(conversation(current), { defaultModel: "deepseek-flash" });
      expect(shoalChatSchema.parse(chat).activeLeafId).toBe("a-old");
      const visible = visibleBranch(chat.messages, chat.activeLeafId);
      expect(visible.map((m) => m.id)).toEqual(["q", "a-old"]);
      // Without it the newest branch would show, which is not what the user saw.
      expect(visibleBranch(chat.messages, null).map((m) => m.id)).toEqual(["q", "a-new"]);
    }
    const newest = convertChatGptConversation(conversation("a-new"), { defaultModel: "deepseek-flash" });
    expect(newest.chat.activeLeafId).toBe("a-new");
  });
  it("accepts Shoal files without activeLeafId (older exports)", () => {
    const { chat } = convertChatGptConversation(conversation("a-old"), { defaultModel: "deepseek-flash" });
    const { activeLeafId: _ignored, ...old } = chat;
    expect(shoalChatSchema.safeParse(old).success).toBe(true);
  });
});
