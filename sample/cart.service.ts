import { Injectable } from '@nestjs/common';
import { SessionService } from '../lib/index.js';
import { isProduct } from './catalogue.js';
import './session-data.js';

/** The cart kept in the session. */
@Injectable()
export class CartService {
  constructor(private readonly session: SessionService) {}

  add(item: unknown): void {
    if (!isProduct(item)) {
      this.session.flash('error', 'That product is not in the catalogue.');
      return;
    }
    this.session.set('cart', [...(this.session.get('cart') ?? []), item]);
    this.session.flash('info', `Added ${item} to your cart.`);
  }

  /** Removes one of `item`. */
  remove(item: unknown): void {
    const cart = [...(this.session.get('cart') ?? [])];
    const index = cart.indexOf(item as string);
    if (index !== -1) {
      cart.splice(index, 1);
      this.session.set('cart', cart);
    }
  }
}
