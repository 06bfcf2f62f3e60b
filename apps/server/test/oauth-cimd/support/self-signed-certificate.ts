import { generateKeyPairSync, randomBytes, sign } from 'node:crypto'

/**
 * A self-signed certificate for loopback (localhost, 127.0.0.1, ::1), made at test time with
 * node:crypto alone: a P-256 key and a minimal X.509 v3 certificate (RFC 5280) encoded in DER by
 * hand. Tests hand the PEM to the server as its test-only extra trust anchor, so only they
 * trust it.
 */
export function selfSignedLoopbackCertificate(): { certPem: string; keyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'))
  const name = seq(set(seq(oid('2.5.4.3'), utf8('tokencraft test loopback'))))
  const now = Date.now()
  const serial = randomBytes(16)
  // a positive INTEGER in minimal DER: top bit clear (else negative) and first byte not zero
  // (else a padding byte, which OpenSSL refuses once in 128 runs)
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40
  const subjectAltName = seq(
    tlv(0x82, Buffer.from('localhost')),
    tlv(0x87, Buffer.from([127, 0, 0, 1])),
    tlv(0x87, Buffer.concat([Buffer.alloc(15), Buffer.from([1])])),
  )
  const basicConstraintsCa = seq(tlv(0x01, Buffer.from([0xff])))
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))), // version v3
    integer(serial),
    ecdsaWithSha256,
    name,
    seq(utcTime(new Date(now - 60_000)), utcTime(new Date(now + 24 * 60 * 60 * 1000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(
      0xa3,
      seq(
        seq(oid('2.5.29.17'), octets(subjectAltName)),
        seq(oid('2.5.29.19'), tlv(0x01, Buffer.from([0xff])), octets(basicConstraintsCa)),
      ),
    ),
  )
  const signature = sign('sha256', tbs, privateKey) // DER ECDSA-Sig-Value
  const certificate = seq(
    tbs,
    ecdsaWithSha256,
    tlv(0x03, Buffer.concat([Buffer.from([0]), signature])),
  )
  const base64 = certificate.toString('base64').replace(/(.{64})/g, '$1\n')
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }
}

function tlv(tag: number, value: Buffer): Buffer {
  const length = value.length
  const header =
    length < 0x80
      ? Buffer.from([tag, length])
      : length < 0x100
        ? Buffer.from([tag, 0x81, length])
        : Buffer.from([tag, 0x82, length >> 8, length & 0xff])
  return Buffer.concat([header, value])
}
const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items))
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items))
const integer = (value: Buffer) => tlv(0x02, value)
const octets = (value: Buffer) => tlv(0x04, value)
const utf8 = (value: string) => tlv(0x0c, Buffer.from(value, 'utf8'))

function utcTime(date: Date): Buffer {
  const iso = date.toISOString() // YYYY-MM-DDTHH:MM:SS.sssZ → YYMMDDHHMMSSZ
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`
  return tlv(0x17, Buffer.from(text, 'ascii'))
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number)
  const bytes = [40 * first + second]
  for (const arc of rest) {
    const base128 = [arc & 0x7f]
    for (let value = arc >> 7; value > 0; value >>= 7) base128.unshift((value & 0x7f) | 0x80)
    bytes.push(...base128)
  }
  return tlv(0x06, Buffer.from(bytes))
}
