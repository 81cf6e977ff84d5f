// /users – accounts: add, disable or enable, reset a password, end sessions, remove (admins)
import { AddUserForm } from '@/components/users/AddUserForm';
import { UserActions } from '@/components/users/UserActions';
import { requirePageUser } from '@/lib/auth/page-session';
import { canManageUsers } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { listUsers } from '@/lib/users/list-users';

export const dynamic = 'force-dynamic';

const UsersPage = async () => {
  const me = await requirePageUser();
  if (!canManageUsers(me.role)) {
    return <p className="text-sm">Only admins manage users. Your own password and sessions are on <a href="/account" className="underline">your account</a>.</p>;
  }
  const users = await listUsers({ db: await getDb() });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Users</caption>
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:text-slate-400 dark:border-slate-700">
          <tr><th scope="col" className="py-2">Name</th><th scope="col">Role</th><th scope="col">Created</th><th scope="col">State</th><th scope="col">Active sessions</th><th scope="col">Actions</th></tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.name} className="border-b border-slate-100 align-top dark:border-slate-800">
              <td className="py-2 font-medium">{u.name}{u.name === me.name && <span className="text-xs text-slate-500"> (you)</span>}</td>
              <td>{u.role}</td>
              <td className="font-mono text-xs">{u.createdAt.slice(0, 10)}</td>
              <td className={u.disabledAt ? 'font-semibold text-red-700 dark:text-red-400' : ''}>{u.disabledAt ? `disabled ${u.disabledAt.slice(0, 10)}` : 'enabled'}</td>
              <td>{u.activeSessions}</td>
              <td className="py-2"><UserActions name={u.name} isDisabled={u.disabledAt !== null} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Add a user</h2>
        <AddUserForm />
        <p className="text-xs text-slate-600 dark:text-slate-400">Passwords need at least 12 characters. The last enabled admin cannot be disabled, removed or demoted.</p>
      </section>
    </div>
  );
};

export default UsersPage;
