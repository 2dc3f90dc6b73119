// Which role may press which action; the agent checks again on every request.

const ALLOWED = {
  viewer: [],
  deployer: ['promote', 'abort', 'rollback'],
  approver: ['approve'],
  admin: ['promote', 'abort', 'rollback', 'approve'],
};

export function may(role, action) {
  return (ALLOWED[role] ?? []).includes(action);
}
