package tcps.check;

/** What drives an endpoint: the reference TCP stack through socket calls, or the script itself. */
public enum Mode {
    STACK, SCRIPTED
}
