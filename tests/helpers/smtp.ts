/**
 * A minimal SMTP server on 127.0.0.1 (port 0) that accepts every message and keeps it, so tests
 * can read what Brygga really sent over a real socket with nodemailer — including mails whose
 * outbox copy leaves the secret out. Enough of RFC 5321 for nodemailer: no TLS, no AUTH.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
	from: string;
	to: string[];
	/** The DATA section as sent (headers and body, dot-stuffing undone). */
	data: string;
}

export interface SmtpSink {
	url: string;
	mails: ReceivedMail[];
	close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
	const mails: ReceivedMail[] = [];
	const sockets = new Set<net.Socket>();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		socket.setEncoding('utf8');
		let buffer = '';
		let inData = false;
		let current: ReceivedMail = { from: '', to: [], data: '' };
		const reply = (line: string) => socket.write(line + '\r\n');
		reply('220 brygga-test ESMTP');
		socket.on('data', (chunk: string) => {
			buffer += chunk;
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					current.data = buffer.slice(0, end).replace(/\r\n\.\./g, '\r\n.');
					buffer = buffer.slice(end + 5);
					mails.push(current);
					current = { from: '', to: [], data: '' };
					inData = false;
					reply('250 OK: queued');
					continue;
				}
				const nl = buffer.indexOf('\r\n');
				if (nl < 0) return;
				const line = buffer.slice(0, nl);
				buffer = buffer.slice(nl + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO' || verb === 'HELO') reply('250 brygga-test');
				else if (verb === 'MAIL') {
					current.from = line.replace(/^MAIL FROM:\s*/i, '');
					reply('250 OK');
				} else if (verb === 'RCPT') {
					current.to.push(line.replace(/^RCPT TO:\s*<?([^>]*)>?.*/i, '$1'));
					reply('250 OK');
				} else if (verb === 'DATA') {
					inData = true;
					reply('354 End data with <CR><LF>.<CR><LF>');
				} else if (verb === 'QUIT') {
					reply('221 Bye');
					socket.end();
				} else if (verb === 'RSET' || verb === 'NOOP') reply('250 OK');
				else reply('502 Command not implemented');
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `smtp://127.0.0.1:${port}`,
		mails,
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			})
	};
}

/** The decoded text of a mail: quoted-printable soft breaks and escapes undone. */
export function mailText(mail: ReceivedMail): string {
	const body = mail.data.split('\r\n\r\n').slice(1).join('\r\n\r\n');
	return body
		.replace(/=\r\n/g, '')
		.replace(/(=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8'));
}
