/** The provider's configuration at the top of every records repository. */
export const CONFIG_FILE = 'careplan.yaml';
