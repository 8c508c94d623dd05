package dev.mqttstack.broker.mosquitto;

/**
 * A line of a mosquitto file that could not be read, with the reason.
 *
 * @param line the line number, from 1
 * @param message what is wrong with it
 */
public record FileProblem(int line, String message) {

	@Override
	public String toString() {
		return "line " + this.line + ": " + this.message;
	}

}
