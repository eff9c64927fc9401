/** Hands the person a file their device saves or opens (a calendar app takes an .ics). */
export const download = (fileName: string, text: string, type = 'text/calendar') => {
  const a = document.createElement('a')
  a.href = URL.createObjectURL(new Blob([text], { type }))
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 1000)
}

/** A file name from a title: letters, digits, spaces and dashes. */
export const fileNameOf = (title: string, fallback: string, ext: string) =>
  `${title.replace(/[^\p{L}\p{N} -]+/gu, '').trim().slice(0, 80) || fallback}.${ext}`
