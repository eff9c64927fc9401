import type { kitEn } from '../en/kit.ts'

export const kitEs: typeof kitEn = {
  kit: {
    title: 'Kit de recuperación',
    about: 'Si pierdes todos tus dispositivos, un kit de recuperación hace que uno nuevo vuelva a ser tú: sigues organizando tus invitaciones, con tus respuestas y tu historial.',
    warning: 'Quien tenga este kit puede hacerse pasar por ti en tus salas: ser anfitrión, responder y revocar tus dispositivos. Guárdalo sin conexión (impreso, o en una memoria que guardes) y nunca lo envíes por un chat.',
    withRooms: 'Incluir los enlaces de mis salas tal como están ahora (quien tenga el kit podrá leerlas)',
    make: 'Hacer un kit de recuperación',
    makeNew: 'Hacer un nuevo kit de recuperación',
    staysValid: 'Tu kit anterior sigue siendo válido: solo un kit puede revocar un kit. Tus dispositivos no pueden, así que uno robado tampoco. Guárdalo tan bien como el nuevo, o destrúyelo.',
    making: 'Haciendo…',
    made: 'Tu kit de recuperación está listo. Guárdalo o imprímelo ahora: solo se muestra una vez.',
    text: 'Tu kit de recuperación',
    save: 'Guardar como archivo',
    print: 'Imprimir',
    done: 'Ya lo he guardado',
    recover: 'Recuperarte con un kit: pega el kit entero (su código y los enlaces de las salas)',
    recoverButton: 'Recuperarme con este kit',
    recovering: 'Recuperando…',
    recovered: 'Este dispositivo vuelve a ser tú en las salas que traía tu kit. Abre una de ellas y luego revoca abajo tus dispositivos perdidos.',
    restored: 'Este dispositivo vuelve a contar como tú: el dispositivo que lo revocó queda revocado desde antes de hacerlo.',
    fileTitle: 'Kit de recuperación de Hearth',
    fileCode: 'Código:',
    fileRooms: 'Salas:',
    fileFingerprint: (p: { fp: string }) => `Entre tus dispositivos, este kit aparece como Kit de recuperación ${p.fp}.`,
    fileName: 'hearth-kit-de-recuperacion.txt',
  },
}
