import type { devicesEn } from '../en/devices.ts'

export const devicesEs: typeof devicesEn = {
  devices: {
    title: 'Tus dispositivos',
    about: 'Usa Hearth en tu móvil y tu portátil como una sola persona: vincúlalos y los demás verán solo a una de ti.',
    link: 'Vincular otro dispositivo',
    linkHow: 'En el otro dispositivo, abre Hearth, ve a Ajustes y pega este código, o escanéalo con su cámara. Funciona una vez, durante cinco minutos.',
    code: 'Código de vínculo',
    qr: 'Código de vínculo para escanear con tu otro dispositivo',
    waiting: 'Esperando a tu otro dispositivo…',
    linked: 'Vinculado. Tu otro dispositivo ya tiene tus salas.',
    expired: 'El código de vínculo caducó. Haz uno nuevo.',
    useCode: 'Código de vínculo de tu otro dispositivo',
    useButton: 'Vincular este dispositivo',
    using: 'Vinculando…',
    nowLinked: 'Este dispositivo ya está vinculado: tiene tus salas y los demás te ven como una sola persona.',
    list: 'Tus dispositivos que conoce esta sala',
    thisOne: 'este dispositivo',
    revoked: 'revocado',
    device: (p: { fp: string }) => `Dispositivo ${p.fp}`,
    revoke: 'Revocar',
    revokeLabel: (p: { fp: string }) => `Revocar el dispositivo ${p.fp}`,
    confirmRevoke: '¿Revocar este dispositivo? Lo que firme a partir de ahora no contará en ninguna de tus salas. Hazlo con un móvil perdido o robado.',
    revokedDone: 'Revocado. Lo que firme a partir de ahora no cuenta.',
    openRoomFirst: 'Abre una de tus salas para ver tus dispositivos.',
  },
}
