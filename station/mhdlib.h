/*
 * libmicrohttpd, loaded when this desk serves the office page ([web]):
 * a desk without it does not carry it, nor the TLS library it brings, in
 * its memory. Include this instead of <microhttpd.h>; calls keep
 * libmicrohttpd's names, once mhdlib_load has succeeded.
 */
#ifndef ST_MHDLIB_H
#define ST_MHDLIB_H

#include <stddef.h>

#include <microhttpd.h>

#define MHDLIB_CALLS(X) X(MHD_add_response_header) X(MHD_queue_response) \
	X(MHD_lookup_connection_value) X(MHD_destroy_response) \
	X(MHD_create_response_from_buffer) X(MHD_stop_daemon) \
	X(MHD_get_connection_info) X(MHD_start_daemon) X(MHD_post_process) \
	X(MHD_is_feature_supported) X(MHD_destroy_post_processor) \
	X(MHD_create_response_from_callback) X(MHD_create_post_processor)

struct mhdlib {
#define MHDLIB_SLOT(f) __typeof__(f) *f;
	MHDLIB_CALLS(MHDLIB_SLOT)
#undef MHDLIB_SLOT
};
extern struct mhdlib mhdlib;

/* 0 once loaded (at most once a process), or -1 with why. */
int	 mhdlib_load(char *why, size_t len);

#ifndef MHDLIB_OWN_NAMES	/* (mhdlib.c binds the library's own) */
#define MHD_add_response_header		(*mhdlib.MHD_add_response_header)
#define MHD_queue_response		(*mhdlib.MHD_queue_response)
#define MHD_lookup_connection_value	(*mhdlib.MHD_lookup_connection_value)
#define MHD_destroy_response		(*mhdlib.MHD_destroy_response)
#define MHD_create_response_from_buffer	(*mhdlib.MHD_create_response_from_buffer)
#define MHD_stop_daemon			(*mhdlib.MHD_stop_daemon)
#define MHD_get_connection_info		(*mhdlib.MHD_get_connection_info)
#define MHD_start_daemon		(*mhdlib.MHD_start_daemon)
#define MHD_post_process		(*mhdlib.MHD_post_process)
#define MHD_is_feature_supported	(*mhdlib.MHD_is_feature_supported)
#define MHD_destroy_post_processor	(*mhdlib.MHD_destroy_post_processor)
#define MHD_create_response_from_callback (*mhdlib.MHD_create_response_from_callback)
#define MHD_create_post_processor	(*mhdlib.MHD_create_post_processor)
#endif

#endif
