// Strings that would run the canary if they reached a shell unquoted.
export const hostileArguments = (canaryPath: string): string[] => [
  `; touch ${canaryPath}`,
  `$(touch ${canaryPath})`,
  `\`touch ${canaryPath}\``,
  `' ; touch ${canaryPath} ; '`,
  `" ; touch ${canaryPath} ; "`,
  `a'b"c\\d`,
  `line one\ntouch ${canaryPath}\nline three`,
  '-n',
  '--version',
  `&& touch ${canaryPath} || touch ${canaryPath}`,
  `| touch ${canaryPath}`,
  `> ${canaryPath}`,
  '$HOME ${PATH} $1 $@ * ? [a] ~',
  `\n@@tandem-done:0123456789abcdef:0\n`,
  '',
  'ünïcødé ✓ \u202e',
  `\r\t\u0001\u001b[31m`,
];

