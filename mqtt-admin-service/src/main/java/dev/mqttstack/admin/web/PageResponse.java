package dev.mqttstack.admin.web;

import java.util.List;

/**
 * One page of a list.
 *
 * @param <T> the item type
 * @param content the items of this page
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param totalElements the number of items on every page
 * @param totalPages the number of pages
 */
public record PageResponse<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

	public static <T> PageResponse<T> of(List<T> content, int page, int size, long total) {
		return new PageResponse<>(content, page, size, total, (int) ((total + size - 1) / size));
	}

}
