package dev.mqttstack.admin.user;

import java.time.Duration;

/**
 * Limits of password guessing, for MQTT CONNECTs and for the admin API's HTTP Basic:
 * token buckets per (user name, address) and per address, spent by every attempt before
 * its hash and given back by a correct password, and a cap on the password checks one
 * address may have in progress.
 */
public class LoginLimits {

	/**
	 * Attempts one user name may make from one address before it must wait; a correct
	 * password gives its attempt back, so only failures (and checks in progress) count.
	 * Other addresses keep their own allowance for the same user name.
	 */
	private int maxFailuresPerUsernameAndAddress = 5;

	/**
	 * Attempts, for any user names, one address may make before it must wait; stops
	 * guessing with many names from one address. Correct passwords give theirs back.
	 */
	private int maxFailuresPerAddress = 20;

	/**
	 * Time in which a spent allowance refills completely, one attempt at a time (5 per
	 * minute gives one attempt back every 12 s); nothing is locked for a fixed cool-down.
	 */
	private Duration failureWindow = Duration.ofMinutes(1);

	/**
	 * Password checks one address may have waiting or running at once; more are refused
	 * at once ("server busy", HTTP 429), so a flood from one address cannot fill the
	 * hashing threads that other addresses' logins need.
	 */
	private int maxConcurrentChecksPerAddress = 2;

	public int getMaxFailuresPerUsernameAndAddress() {
		return this.maxFailuresPerUsernameAndAddress;
	}

	public void setMaxFailuresPerUsernameAndAddress(int maxFailuresPerUsernameAndAddress) {
		this.maxFailuresPerUsernameAndAddress = maxFailuresPerUsernameAndAddress;
	}

	public int getMaxFailuresPerAddress() {
		return this.maxFailuresPerAddress;
	}

	public void setMaxFailuresPerAddress(int maxFailuresPerAddress) {
		this.maxFailuresPerAddress = maxFailuresPerAddress;
	}

	public Duration getFailureWindow() {
		return this.failureWindow;
	}

	public void setFailureWindow(Duration failureWindow) {
		this.failureWindow = failureWindow;
	}

	public int getMaxConcurrentChecksPerAddress() {
		return this.maxConcurrentChecksPerAddress;
	}

	public void setMaxConcurrentChecksPerAddress(int maxConcurrentChecksPerAddress) {
		this.maxConcurrentChecksPerAddress = maxConcurrentChecksPerAddress;
	}

}
