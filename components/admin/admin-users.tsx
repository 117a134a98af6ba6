'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ROLES, type Invitation, type Member, type Role } from '@/lib/contract/admin';
import { apiFetch } from '@/lib/ui/api';
import { Field } from '../field';
import styles from './admin.module.css';
import { SectionState, errorText } from './section-state';

type Users = { members: Member[]; invitations: Invitation[] };
const USERS = ['admin', 'users'];

/** Members (change role, remove) and invitations (invite, pending list). */
export function AdminUsers({ me }: { me: string }) {
  const client = useQueryClient();
  const users = useQuery({ queryKey: USERS, queryFn: ({ signal }) => apiFetch<Users>('/api/admin/users', { signal }) });
  const refresh = () => client.invalidateQueries({ queryKey: ['admin'] });
  const change = useMutation({
    mutationFn: ({ id, role }: { id: number; role: Role }) => apiFetch(`/api/admin/users/${id}`, { method: 'PATCH', body: { role } }),
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: (id: number) => apiFetch(`/api/admin/users/${id}`, { method: 'DELETE' }), onSettled: refresh });
  const [token, setToken] = useState<{ email: string; token: string } | null>(null);
  const invite = useMutation({
    mutationFn: (body: { email: string; role: Role }) => apiFetch<{ token: string; invitation: Invitation }>('/api/admin/invitations', { body }),
    onSuccess: (r) => setToken({ email: r.invitation.email, token: r.token }),
    onSettled: refresh,
  });

  function onInvite(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    invite.mutate({ email: String(f.get('email')), role: String(f.get('role')) as Role });
  }

  const failure = change.error ?? remove.error;
  return (
    <section className={styles.section} aria-labelledby="users-title">
      <h2 id="users-title" className={styles.sectionTitle}>Users</h2>
      <SectionState loading={users.isPending} error={users.error} empty={users.data?.members.length === 0} emptyText="No members yet." />
      {failure && <p className={styles.error} role="alert">{errorText(failure)}</p>}
      {users.data && users.data.members.length > 0 && (
        <table className={styles.table}>
          <thead>
            <tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Member since</th><th scope="col">Name</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {users.data.members.map((m) => (
              <tr key={m.id}>
                <td>{m.email}</td>
                <td>
                  <select aria-label={`Role of ${m.email}`} value={m.role} disabled={change.isPending} onChange={(e) => change.mutate({ id: m.id, role: e.target.value as Role })}>
                    {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                  </select>
                </td>
                <td>{new Date(m.since).toLocaleDateString()}</td>
                <td>{m.name ?? ''}</td>
                <td>
                  {m.email !== me && (
                    <button type="button" className="btn btn-small" disabled={remove.isPending} onClick={() => window.confirm(`Remove ${m.email} from this organisation?`) && remove.mutate(m.id)}>
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className={styles.row} onSubmit={onInvite} aria-label="Invite someone">
        <Field label="Email">{(id) => <input id={id} name="email" type="email" required autoComplete="off" />}</Field>
        <Field label="Role">
          {(id) => (
            <select id={id} name="role" defaultValue="viewer">
              {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          )}
        </Field>
        <button type="submit" className="btn btn-primary" disabled={invite.isPending}>{invite.isPending ? 'Inviting…' : 'Invite'}</button>
      </form>
      {invite.error && <p className={styles.error} role="alert">{errorText(invite.error)}</p>}
      {token && <InvitationLink email={token.email} token={token.token} />}
      {users.data && users.data.invitations.length > 0 && (
        <>
          <h3 className={styles.sectionTitle}>Pending invitations</h3>
          <ul>
            {users.data.invitations.map((i) => (
              <li key={i.email}>{i.email} as {i.role}, until {new Date(i.expiresAt).toLocaleDateString()}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * The link to send the invitee, shown once. The token is in the fragment (#…): browsers never send
 * a fragment to a server, so it reaches no access log, proxy or Referer header.
 */
function InvitationLink({ email, token }: { email: string; token: string }) {
  const link = `${window.location.origin}/invite#${token}`;
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div role="status">
      <p className={styles.state}>Invitation for {email}: send them this link (shown once, valid 7 days).</p>
      <div className={styles.row}>
        <Field label="Invitation link">{(id) => <input id={id} readOnly value={link} size={48} onFocus={(e) => e.currentTarget.select()} />}</Field>
        <button type="button" className="btn btn-small" onClick={() => navigator.clipboard.writeText(link).then(() => setCopied(true), () => setCopied(false))}>
          Copy link
        </button>
        {copied !== null && <span className={styles.state}>{copied ? 'Copied.' : 'Copy failed: select the link and copy it.'}</span>}
      </div>
    </div>
  );
}
