/**
 * One line of the widget's list of spec errors.
 *
 * Most messages already begin with the path they are about ("data.name is 'nope'; ..."),
 * so putting the path in front again would show it twice. The path is added only when the
 * message does not name it.
 */
import type { SpecError } from '../core/types';

export function specErrorLine(error: SpecError): string {
  const { path, message } = error;
  if (!path || message.includes(path)) {
    return message;
  }
  return `${path}: ${message}`;
}
