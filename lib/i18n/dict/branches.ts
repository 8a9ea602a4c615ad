import { defineMessages } from "../define";

// Regenerate, edit-and-resend and paging between versions of a message.
export const branches = defineMessages(
  {
    "branch.regenerate": "Regenerate",
    "branch.edit": "Edit",
    "branch.editSave": "Send",
    "branch.editCancel": "Cancel",
    "branch.editLabel": "Edit your message",
    "branch.previous": "Previous version",
    "branch.next": "Next version",
    "branch.position": "Version {index} of {count}",
  },
  {
    "branch.regenerate": "重新生成",
    "branch.edit": "编辑",
    "branch.editSave": "发送",
    "branch.editCancel": "取消",
    "branch.editLabel": "编辑你的消息",
    "branch.previous": "上一个版本",
    "branch.next": "下一个版本",
    "branch.position": "第 {index} 个版本，共 {count} 个",
  },
);
