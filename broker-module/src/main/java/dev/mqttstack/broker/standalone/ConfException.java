package dev.mqttstack.broker.standalone;

/**
 * A mosquitto.conf (or a file it names) that cannot be used: the message names the file
 * and line and says what is wrong.
 */
public final class ConfException extends Exception {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception for one line.
	 * @param location where: {@code file:line}
	 * @param message what is wrong
	 */
	public ConfException(String location, String message) {
		super(location + ": " + message);
	}

}
